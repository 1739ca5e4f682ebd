using EsgTrace.Claims;
using EsgTrace.GreenIt;
using NodaTime;

namespace EsgTrace.Scorecard;

/// <summary>
/// The KPIs the CMO and the CIO share, each with the address of its lineage: claims (published, at risk, expiring, time
/// from draft to publication), product footprints over time, IT emissions against the target, and green-IT savings in
/// kg CO2e and in money with each action's cost and payback. <see cref="AsOf"/> is the day it was built (expiry counts from it).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.scorecard")]
public sealed record Scorecard(
    LocalDate From,
    LocalDate To,
    LocalDate AsOf,
    ClaimKpis Claims,
    IReadOnlyList<ScorecardClaim> ClaimList,
    IReadOnlyList<ProductFootprintSeries> Products,
    ItEmissionsKpi It,
    IReadOnlyList<ActionMoney> Savings,
    IReadOnlyList<CurrencyTotal> MoneyTotals,
    IReadOnlyList<string> Method);

/// <summary>Claim counts by standing; "expiring" are live claims valid for at most <see cref="ExpiringWithinDays"/> more days.</summary>
[GenerateSerializer, Immutable, Alias("esg.claim-kpis")]
public sealed record ClaimKpis(
    int Total, int Draft, int InReview, int Published, int AtRisk, int Expiring, int Expired, int Withdrawn, int ExpiringWithinDays,
    decimal? MeanDaysToPublication, decimal? MedianDaysToPublication, int PublishedEver, string Lineage);

/// <summary>One claim as the scorecard lists it: standing, validity, days from draft to publication, lineage address.</summary>
[GenerateSerializer, Immutable, Alias("esg.scorecard-claim")]
public sealed record ScorecardClaim(
    string Id, string Wording, ClaimStatus Status, string Label, bool AboutIt, LocalDate ValidUntil, bool Expiring,
    Instant DraftedAt, Instant? PublishedAt, decimal? DaysToPublication, string Lineage);

/// <summary>A product's footprint per declared unit, batch by batch in production order, and over all its batches now.</summary>
[GenerateSerializer, Immutable, Alias("esg.product-footprint-series")]
public sealed record ProductFootprintSeries(
    string ProductId, string Name, string DeclaredUnit, decimal? CurrentKgCo2e, string? Problem, IReadOnlyList<FootprintPoint> Points, string Dataset, string Lineage);

/// <summary>The footprint of one production batch (kg CO2e per declared unit) on its production day.</summary>
[GenerateSerializer, Immutable, Alias("esg.footprint-point")]
public sealed record FootprintPoint(string BatchId, LocalDate Produced, decimal? KgCo2e, string? Problem);

/// <summary>
/// IT emissions in the period, by month, progress against the target (null when none is set) and each month's allowance
/// on the straight line to it (empty without a target).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.it-emissions-kpi")]
public sealed record ItEmissionsKpi(
    decimal KgCo2e, decimal EnergyKwh, IReadOnlyList<string> Months, IReadOnlyList<decimal> MonthlyKgCo2e, TargetProgress? Target, IReadOnlyList<decimal> TargetPathKgCo2e, string Lineage);

/// <summary>One green-IT action: its saving in kg CO2e (realised or estimated), its money (cost, saving per month, payback).</summary>
[GenerateSerializer, Immutable, Alias("esg.action-money")]
public sealed record ActionMoney(
    string ActionId, string Title, SavingStatus Status, decimal SavingKgCo2e, decimal? EstimatedAnnualKgCo2e, ActionPayback? Money, string Explanation, string Lineage);

/// <summary>Money over every action of one currency (no conversion between currencies).</summary>
[GenerateSerializer, Immutable, Alias("esg.currency-total")]
public sealed record CurrencyTotal(string Currency, decimal OneOffCost, decimal MonthlySaving, decimal AnnualSaving, decimal? PaybackMonths);
