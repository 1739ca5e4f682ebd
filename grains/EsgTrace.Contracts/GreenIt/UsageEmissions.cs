using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// One usage record's energy and emissions, location-based, with the market-based figure beside it where known, and what
/// the record cost where a billing export stated it (in its currency, never converted).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.usage-emissions")]
public sealed record UsageEmissions(
    string WorkloadId, LocalDate PeriodStart, LocalDate PeriodEnd, string Provider, string Region,
    ItCarbonResult Result, decimal? MarketKgCo2e, decimal? FunctionalUnits, string GridSource, UsageCost? Cost = null, string? SourceKey = null,
    string? GridDataset = null, string? GridYears = null)
{
    public int Days => Period.DaysBetween(PeriodStart, PeriodEnd) + 1;
}

/// <summary>Applies the CCF method to a workload's usage records: the region's grid and PUE, the provider's coefficients, the workload's hardware share.</summary>
public static class UsageEmissionsCalculator
{
    /// <summary>The emissions of every record of a workload (records whose region is unknown are left out; imports refuse them).</summary>
    public static IReadOnlyList<UsageEmissions> All(WorkloadData workload, IGridFactorSource? grid = null, IGridFactorLookup? timeMatched = null)
        => workload.Usage.Select(u => Of(workload.Id, workload.Definition, u, grid, timeMatched).Emissions).OfType<UsageEmissions>().ToList();

    /// <summary>
    /// The emissions of one record, or the reason they cannot be computed (unknown region, GPU-hours without a card). With a
    /// yearly grid source (<paramref name="grid"/>), each calendar year of the period uses that year's factor (a period
    /// across a year end is weighted by its days in each year); a year the source lacks falls back to the CCF constants,
    /// and says so. Where <paramref name="timeMatched"/> has measured hours for the record's own time, they replace that
    /// factor (measured beats yearly beats undated).
    /// </summary>
    public static (UsageEmissions? Emissions, string? Problem) Of(string workloadId, WorkloadDefinition definition, UsageRow row, IGridFactorSource? grid = null, IGridFactorLookup? timeMatched = null)
    {
        if (row.Usage.GpuHours > 0 && definition.Gpu is null)
        {
            return (null, $"{row.Usage.GpuHours} GPU-hours from {row.PeriodStart} need the workload's GPU card (model, min/max watts, embodied kg); define it on the workload.");
        }

        if (GridIntensities.Resolve(row.Provider, row.Region, definition.SitePue, out var problem) is not { } intensity)
        {
            return (null, problem);
        }

        var coefficients = GridIntensities.Coefficients(row.Provider) with { Pue = intensity.Pue };
        if (row.Provider == "on-premises")
        {
            coefficients = coefficients with { Provider = "on-premises", Source = coefficients.Source + " (CCF's AWS average watts per vCPU, used for on-premises servers without a meter)" };
        }

        var embodied = definition.Hardware is { } h && row.Usage.VcpuHours > 0
            ? new EmbodiedInput(h.TotalEmbodiedKgCo2e, row.Usage.VcpuHours, 1, h.HostVcpus, h.ExpectedLifespanHours)
            : null;
        var (yearly, yearlySource, dataset, years) = TimeMatched(row, intensity, grid);
        var otherwise = new MatchedGridFactor(yearly, yearlySource);
        var factor = timeMatched?.Lookup(row.Provider, row.Region, row.PeriodStart, row.PeriodEnd, otherwise) ?? otherwise;
        var result = ItCarbonCalculator.Calculate(row.Usage, coefficients, factor.KgCo2ePerKwh, embodied, definition.Gpu);
        var marketFactor = definition.MarketKgCo2ePerKwh ?? intensity.MarketKgPerKwh;
        decimal? market = marketFactor is { } f ? (result.TotalKwh * f) + result.EmbodiedKgCo2e : null;
        return (new UsageEmissions(workloadId, row.PeriodStart, row.PeriodEnd, row.Provider, intensity.Region, result, market, row.FunctionalUnits, factor.Source, row.Cost, row.SourceKey, dataset, years), null);
    }

    /// <summary>The factor for the record's period: each year's from the source, weighted by days; else the CCF constant, named as undated.</summary>
    private static (decimal Factor, string Source, string Dataset, string? Years) TimeMatched(UsageRow row, GridIntensity intensity, IGridFactorSource? grid)
    {
        var undated = (intensity.LocationKgPerKwh, intensity.Source, GridIntensities.Dataset, (string?)null);
        if (grid is null)
        {
            return undated;
        }

        var days = Period.DaysBetween(row.PeriodStart, row.PeriodEnd) + 1;
        var weighted = 0m;
        var parts = new List<string>();
        for (var year = row.PeriodStart.Year; year <= row.PeriodEnd.Year; year++)
        {
            var from = year == row.PeriodStart.Year ? row.PeriodStart : new LocalDate(year, 1, 1);
            var to = year == row.PeriodEnd.Year ? row.PeriodEnd : new LocalDate(year, 12, 31);
            if (grid.Find(row.Provider, row.Region, from) is not { } f)
            {
                return undated with { Item2 = $"{grid.Dataset} has no factor for {row.Provider} {row.Region} in {year}, so the undated {GridIntensities.Dataset} factor applies: " + undated.Item2 };
            }

            var share = (decimal)(Period.DaysBetween(from, to) + 1) / days;
            weighted += f.KgCo2ePerKwh * share;
            parts.Add($"{f.Period}: {Units.Numbers.Plain(f.KgCo2ePerKwh)} kg CO2e/kWh" + (share == 1 ? string.Empty : $" × {Period.DaysBetween(from, to) + 1}/{days} days"));
        }

        var sourceOf = grid.Find(row.Provider, row.Region, row.PeriodStart)!.Source;
        return (weighted, $"{grid.Dataset}, {row.Provider} {intensity.Region} {string.Join(" + ", parts)} (location-based; {sourceOf})", grid.Dataset,
            row.PeriodStart.Year == row.PeriodEnd.Year ? $"{row.PeriodStart.Year}" : $"{row.PeriodStart.Year}-{row.PeriodEnd.Year}");
    }
}
