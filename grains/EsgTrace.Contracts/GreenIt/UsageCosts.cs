namespace EsgTrace.GreenIt;

/// <summary>Sums of costs kept apart by currency: no conversion without a dated rate.</summary>
public static class UsageCosts
{
    public static IReadOnlyList<UsageCost> Sum(IEnumerable<UsageCost?> costs)
        => costs.OfType<UsageCost>().GroupBy(c => c.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UsageCost(g.Sum(c => c.BilledCost), g.Sum(c => c.EffectiveCost), g.Key)).ToList();

    /// <summary>The share of a cost that falls in a period (a record cut by the period is spread evenly over its days, as its emissions are).</summary>
    public static UsageCost Times(UsageCost cost, decimal share) => share == 1 ? cost : cost with { BilledCost = cost.BilledCost * share, EffectiveCost = cost.EffectiveCost * share };
}
