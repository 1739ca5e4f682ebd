using EsgTrace.Units;

namespace EsgTrace.GreenIt;

/// <summary>One place and time a workload could run, with what its energy would have emitted there.</summary>
[GenerateSerializer, Immutable, Alias("esg.advice-option")]
public sealed record AdviceOption(string Region, decimal DailyMeanKgPerKwh, int BestWindowStartHourUtc, decimal BestWindowKgPerKwh, decimal EstimatedKgCo2e, decimal SavingKgCo2e);

/// <summary>Carbon-aware advice for a workload: the best region and hours of day, and the saving, from an hourly dataset.</summary>
[GenerateSerializer, Immutable, Alias("esg.carbon-advice")]
public sealed record CarbonAdvice(
    string WorkloadId, string Dataset, string DatasetSource, decimal EnergyKwh, string CurrentRegion, decimal CurrentKgCo2e,
    IReadOnlyList<AdviceOption> Options, AdviceOption? Best, decimal FlexibleSharePercent, int WindowHours, IReadOnlyList<string> Notes, string Explanation);

/// <summary>
/// Estimates, for the energy a workload used, what it would have emitted in each allowed region if the flexible share ran
/// in that region's lowest-intensity window of the day and the rest ran evenly around the clock. Energy spread evenly over
/// the day is the stated assumption behind the current figure.
/// </summary>
public static class CarbonAwareAdvisor
{
    public const int DefaultWindowHours = 4;

    public static CarbonAdvice Advise(string workloadId, WorkloadDefinition definition, decimal energyKwh, HourlyIntensityDataset dataset, int windowHours = DefaultWindowHours)
    {
        var notes = new List<string>();
        var provider = definition.Provider;
        var current = GridIntensities.Key(provider, definition.Region);
        var candidates = new[] { definition.Region }.Concat(definition.AllowedRegions ?? []).Select(r => GridIntensities.Key(provider, r)).Distinct().ToList();
        var flexible = Math.Clamp(definition.FlexibleSharePercent, 0, 100) / 100;
        var options = new List<AdviceOption>();
        decimal? currentKg = null;
        foreach (var region in candidates)
        {
            if (dataset.Profile(provider, region) is not { } profile)
            {
                notes.Add($"{provider}:{region} is not in {dataset.Ref}; it was left out.");
                continue;
            }

            var mean = profile.Average();
            var (start, windowMean) = BestWindow(profile, windowHours);
            var kg = energyKwh * (((1 - flexible) * mean) + (flexible * windowMean));
            if (region == current)
            {
                currentKg = energyKwh * mean;
            }

            options.Add(new AdviceOption(region, mean, start, windowMean, kg, 0));
        }

        if (currentKg is not { } baseline)
        {
            notes.Add($"The workload's own region {provider}:{current} is not in {dataset.Ref}, so no saving can be estimated.");
            return new CarbonAdvice(workloadId, dataset.Ref, dataset.Source, energyKwh, current, 0, options, null, flexible * 100, windowHours, notes, "No advice: the current region has no hourly profile.");
        }

        options = options.Select(o => o with { SavingKgCo2e = baseline - o.EstimatedKgCo2e }).OrderBy(o => o.EstimatedKgCo2e).ToList();
        var best = options[0];
        if (flexible == 0)
        {
            notes.Add("No flexible share is declared for this workload, so only region moves are estimated; declare the share of batch work to see time shifts.");
        }

        var explanation = best.SavingKgCo2e <= 0
            ? $"{provider}:{current} is already the lowest-intensity choice for {Numbers.Plain(Math.Round(energyKwh, 3))} kWh."
            : $"Run in {provider}:{best.Region}" + (flexible > 0 ? $" with {Numbers.Plain(flexible * 100)} % of the work in the {windowHours} h from {best.BestWindowStartHourUtc:00}:00 UTC" : string.Empty)
              + $": {Numbers.Plain(Math.Round(best.EstimatedKgCo2e, 3))} instead of {Numbers.Plain(Math.Round(baseline, 3))} kg CO2e for the same {Numbers.Plain(Math.Round(energyKwh, 3))} kWh (−{Numbers.Plain(Math.Round(best.SavingKgCo2e, 3))} kg, {dataset.Ref}).";
        return new CarbonAdvice(workloadId, dataset.Ref, dataset.Source, energyKwh, current, baseline, options, best, flexible * 100, windowHours, notes, explanation);
    }

    /// <summary>The start hour (UTC) of the lowest-mean window of <paramref name="hours"/> consecutive hours, wrapping past midnight.</summary>
    public static (int StartHour, decimal Mean) BestWindow(IReadOnlyList<decimal> profile, int hours)
    {
        hours = Math.Clamp(hours, 1, 24);
        var best = (Start: 0, Mean: decimal.MaxValue);
        for (var start = 0; start < 24; start++)
        {
            var sum = 0m;
            for (var i = 0; i < hours; i++)
            {
                sum += profile[(start + i) % 24];
            }

            if (sum / hours < best.Mean)
            {
                best = (start, sum / hours);
            }
        }

        return best;
    }
}
