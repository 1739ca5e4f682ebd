using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>A workload with what it used and emitted in the period, its SCI score per functional unit, and what it cost per currency (billing imports).</summary>
[GenerateSerializer, Immutable, Alias("esg.workload-summary")]
public sealed record WorkloadSummary(
    string Id, string Name, string Owner, string Provider, string Region, string FunctionalUnit,
    decimal EnergyKwh, decimal OperationalKgCo2e, decimal EmbodiedKgCo2e, decimal? MarketKgCo2e, decimal? FunctionalUnits, decimal? SciKgPerUnit, int Records,
    IReadOnlyList<UsageCost>? Cost = null)
{
    public decimal KgCo2e => OperationalKgCo2e + EmbodiedKgCo2e;
}

/// <summary>One workload's emissions in one month (kg CO2e, location-based, including embodied).</summary>
[GenerateSerializer, Immutable, Alias("esg.month-point")]
public sealed record MonthPoint(string Month, string WorkloadId, decimal KgCo2e);

/// <summary>Everything the CIO dashboard and the green-IT report show for a period, with the method and datasets named.</summary>
[GenerateSerializer, Immutable, Alias("esg.green-it-dashboard")]
public sealed record GreenItDashboard(
    LocalDate From, LocalDate To, decimal EnergyKwh, decimal KgCo2e, decimal EmbodiedKgCo2e, decimal? MarketKgCo2e, string MarketCoverage,
    IReadOnlyList<string> Months, IReadOnlyList<MonthPoint> Monthly, IReadOnlyDictionary<string, decimal> ByProvider, IReadOnlyDictionary<string, decimal> ByRegion,
    IReadOnlyList<WorkloadSummary> Workloads, IReadOnlyList<ActionSaving> Actions, TargetProgress? Target, IReadOnlyList<CarbonAdvice> Opportunities,
    IReadOnlyList<string> Method);
