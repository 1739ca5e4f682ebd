using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// One usage record's energy and emissions, location-based, with the market-based figure beside it where known, and what
/// the record cost where a billing export stated it (in its currency, never converted).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.usage-emissions")]
public sealed record UsageEmissions(
    string WorkloadId, LocalDate PeriodStart, LocalDate PeriodEnd, string Provider, string Region,
    ItCarbonResult Result, decimal? MarketKgCo2e, decimal? FunctionalUnits, string GridSource, UsageCost? Cost = null, string? SourceKey = null)
{
    public int Days => Period.DaysBetween(PeriodStart, PeriodEnd) + 1;
}

/// <summary>Applies the CCF method to a workload's usage records: the region's grid and PUE, the provider's coefficients, the workload's hardware share.</summary>
public static class UsageEmissionsCalculator
{
    /// <summary>The emissions of every record of a workload (records whose region is unknown are left out; imports refuse them).</summary>
    public static IReadOnlyList<UsageEmissions> All(WorkloadData workload)
        => workload.Usage.Select(u => Of(workload.Id, workload.Definition, u).Emissions).OfType<UsageEmissions>().ToList();

    /// <summary>The emissions of one record, or the reason they cannot be computed (unknown region).</summary>
    public static (UsageEmissions? Emissions, string? Problem) Of(string workloadId, WorkloadDefinition definition, UsageRow row)
    {
        if (GridIntensities.Resolve(row.Provider, row.Region, definition.SitePue, out var problem) is not { } grid)
        {
            return (null, problem);
        }

        var coefficients = GridIntensities.Coefficients(row.Provider) with { Pue = grid.Pue };
        if (row.Provider == "on-premises")
        {
            coefficients = coefficients with { Provider = "on-premises", Source = coefficients.Source + " (CCF's AWS average watts per vCPU, used for on-premises servers without a meter)" };
        }

        var embodied = definition.Hardware is { } h && row.Usage.VcpuHours > 0
            ? new EmbodiedInput(h.TotalEmbodiedKgCo2e, row.Usage.VcpuHours, 1, h.HostVcpus, h.ExpectedLifespanHours)
            : null;
        var result = ItCarbonCalculator.Calculate(row.Usage, coefficients, grid.LocationKgPerKwh, embodied);
        var marketFactor = definition.MarketKgCo2ePerKwh ?? grid.MarketKgPerKwh;
        decimal? market = marketFactor is { } f ? (result.TotalKwh * f) + result.EmbodiedKgCo2e : null;
        return (new UsageEmissions(workloadId, row.PeriodStart, row.PeriodEnd, row.Provider, grid.Region, result, market, row.FunctionalUnits, grid.Source, row.Cost, row.SourceKey), null);
    }
}
