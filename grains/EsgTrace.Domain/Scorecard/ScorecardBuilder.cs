using EsgTrace.Claims;
using EsgTrace.GreenIt;
using NodaTime;

namespace EsgTrace.Scorecard;

/// <summary>Builds the shared scorecard from claims, product footprint series and the green-IT dashboard. Pure.</summary>
public static class ScorecardBuilder
{
    /// <summary>A live claim valid for at most this many more days counts as expiring.</summary>
    public const int ExpiringWithinDays = 90;

    public static Scorecard Build(
        LocalDate from, LocalDate to, LocalDate asOf, IReadOnlyList<ClaimView> claims, IReadOnlyList<ProductFootprintSeries> products, GreenItDashboard it)
    {
        var list = claims.Select(c => Line(c, asOf)).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var days = list.Where(c => c.DaysToPublication is not null).Select(c => c.DaysToPublication!.Value).Order().ToList();
        var kpis = new ClaimKpis(
            list.Count,
            list.Count(c => c.Status == ClaimStatus.Draft),
            list.Count(c => c.Status is ClaimStatus.Verified or ClaimStatus.Approved),
            list.Count(c => c.Status == ClaimStatus.Published),
            list.Count(c => c.Status == ClaimStatus.AtRisk),
            list.Count(c => c.Expiring),
            list.Count(c => c.Status == ClaimStatus.Expired),
            list.Count(c => c.Status == ClaimStatus.Withdrawn),
            ExpiringWithinDays,
            days.Count == 0 ? null : Math.Round(days.Average(), 2, MidpointRounding.AwayFromZero),
            days.Count == 0 ? null : Math.Round(days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2, 2, MidpointRounding.AwayFromZero),
            days.Count,
            "/api/claims");

        var monthly = it.Months.Select(m => it.Monthly.Where(p => p.Month == m).Sum(p => p.KgCo2e)).ToList();
        var path = it.Target is { BaselineKgCo2e: > 0 } target ? it.Months.Select(m => TargetPath.MonthlyAllowance(target, m)).ToList() : [];
        var itKpi = new ItEmissionsKpi(it.KgCo2e, it.EnergyKwh, it.Months, monthly, it.Target, path, $"/api/scorecard/lineage/it-emissions?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

        var savings = it.Actions.Select(a => new ActionMoney(
            a.ActionId, a.Action.Title, a.Status, a.SavingKgCo2e, a.EstimatedAnnualKgCo2e,
            a.Action.Cost is { } cost ? ActionPaybackCalculator.Of(cost) : null, a.Explanation,
            $"/api/scorecard/lineage/actions/{Uri.EscapeDataString(a.ActionId)}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}")).ToList();
        var totals = savings.Where(s => s.Money is not null).GroupBy(s => s.Money!.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var cost = g.Sum(s => s.Money!.OneOffCost);
            var perMonth = g.Sum(s => s.Money!.MonthlySaving);
            return new CurrencyTotal(g.Key, cost, perMonth, perMonth * 12, perMonth > 0 ? cost / perMonth : null);
        }).ToList();

        List<string> method =
        [
            $"Claims: every claim's recorded standing (published claims re-checked against the current data when read); expiring = published or at risk and valid for at most {ExpiringWithinDays} more days from {asOf:yyyy-MM-dd}.",
            "Time from draft to publication: from the claim's 'drafted' step to its first 'published' step, in days (24 h), over every claim that was ever published; mean and median.",
            "Product footprints: kg CO2e per declared unit, cradle-to-gate (footprint method of the product analysis), for each production batch on its production day and over all batches now, with the factor dataset named.",
            .. it.Method,
            "Money: each action's one-off cost and recurring saving as recorded with it, in its own currency (never converted); saving per month = recurring saving ÷ months per period (quarter 3, year 12); payback = one-off cost ÷ saving per month.",
        ];
        return new Scorecard(from, to, asOf, kpis, list, products, itKpi, savings, totals, method);
    }

    /// <summary>A product's series from its current analysis and each batch's (problem text when one cannot be computed).</summary>
    public static ProductFootprintSeries Series(string productId, string name, string declaredUnit, decimal? current, string? problem, string dataset, IEnumerable<FootprintPoint> batches)
        => new(productId, name, declaredUnit, current, problem, batches.OrderBy(b => b.Produced).ThenBy(b => b.BatchId, StringComparer.Ordinal).ToList(), dataset, $"/api/products/{Uri.EscapeDataString(productId)}/lineage");

    private static ScorecardClaim Line(ClaimView c, LocalDate asOf)
    {
        var drafted = c.Steps.FirstOrDefault(s => s.Step == "drafted")?.At ?? c.Steps.FirstOrDefault()?.At ?? default;
        var published = c.Steps.FirstOrDefault(s => s.Step == "published")?.At;
        decimal? days = published is { } p ? Math.Round((decimal)(p - drafted).TotalDays, 4) : null;
        var expiring = c.Status is ClaimStatus.Published or ClaimStatus.AtRisk && Period.DaysBetween(asOf, c.Draft.ValidUntil) <= ExpiringWithinDays;
        return new ScorecardClaim(c.Id, c.Draft.Wording, c.Status, c.Current.Label, ItClaims.IsIt(c.Draft.Type), c.Draft.ValidUntil, expiring, drafted, published, days,
            $"/api/claims/{Uri.EscapeDataString(c.Id)}/lineage?format=prov");
    }
}
