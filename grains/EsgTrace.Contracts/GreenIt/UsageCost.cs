namespace EsgTrace.GreenIt;

/// <summary>
/// What a billing line cost, as the provider's FOCUS export states it: BilledCost (invoiced) and EffectiveCost (amortised,
/// after discounts), both in <see cref="Currency"/> (FOCUS BillingCurrency, ISO 4217). Never converted: sums are kept per
/// currency, because no dated exchange rate is part of the data.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.usage-cost")]
public sealed record UsageCost(decimal BilledCost, decimal EffectiveCost, string Currency)
{
    public UsageCost Plus(UsageCost other)
        => other.Currency == Currency
            ? new UsageCost(BilledCost + other.BilledCost, EffectiveCost + other.EffectiveCost, Currency)
            : throw new InvalidOperationException($"Costs in {Currency} and {other.Currency} are not added without a dated exchange rate.");
}
