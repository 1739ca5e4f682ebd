using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// Looks forward over the current forecasts of a workload's region and its allowed regions: every window of the job's
/// length that starts now or at a forecast point after now, and that the forecast covers whole, is a candidate; the
/// lowest mean intensity wins (the earliest on a tie, the workload's own region first). The saving is the job's energy ×
/// (intensity of starting now in its own region − the best window's), in kg CO2e.
/// </summary>
public static class ForwardCarbonAdvisor
{
    public const int DefaultWindowMinutes = 240;

    public static ForwardAdvice Advise(
        string workloadId, WorkloadDefinition definition, decimal energyKwh, string energyBasis,
        IReadOnlyDictionary<string, CurrentForecast> forecasts, Instant now, int windowMinutes = DefaultWindowMinutes)
    {
        var notes = new List<string>();
        var window = Duration.FromMinutes(windowMinutes);
        var own = HourlyIntensityDataset.RegionKey(definition.Provider, definition.Region);
        var candidates = new[] { own }.Concat((definition.AllowedRegions ?? []).Select(r => HourlyIntensityDataset.RegionKey(definition.Provider, r))).Distinct().ToList();
        var perLocation = new List<ForwardWindow>();
        ForwardWindow? runNow = null;
        ForwardWindow? firstOwn = null;
        foreach (var location in candidates)
        {
            if (!forecasts.TryGetValue(location, out var forecast) || forecast.Points.Count == 0)
            {
                notes.Add($"No imported forecast covers {location}; it was left out.");
                continue;
            }

            var points = forecast.Points.OrderBy(p => p.Start).ToList();
            var starts = new[] { now }.Concat(points.Select(p => p.Start).Where(s => s > now)).ToList();
            var windows = starts
                .Select(s => CarbonAwareQueries.Average(points, s, s + window) is { } mean
                    ? new ForwardWindow(location, s, s + window, mean, energyKwh * mean, forecast.Dataset, forecast.GeneratedAt)
                    : null)
                .OfType<ForwardWindow>().ToList();
            if (windows.Count == 0)
            {
                notes.Add($"The forecast for {location} ({forecast.Dataset}) holds no {windowMinutes}-minute window from now on; it was left out.");
                continue;
            }

            if (location == own)
            {
                runNow = windows[0].Start == now ? windows[0] : null;
                firstOwn = windows[0];
            }

            perLocation.Add(windows.MinBy(w => w.MeanKgCo2ePerKwh)!);
        }

        var baseline = runNow ?? firstOwn;
        if (runNow is null && firstOwn is not null)
        {
            notes.Add($"The forecast for {own} does not cover starting now; the saving is against its first covered window, from {firstOwn.Start} UTC.");
        }

        var best = perLocation.OrderBy(w => w.MeanKgCo2ePerKwh).ThenBy(w => w.Start).ThenBy(w => w.Location == own ? 0 : 1).FirstOrDefault();
        if (energyKwh == 0)
        {
            notes.Add("The job's energy is zero (no usage recorded, or no flexible share declared); give energyKwh to see the saving.");
        }

        if (baseline is null || best is null)
        {
            var reason = baseline is null ? $"no current forecast covers the workload's own region {own} for {windowMinutes} minutes from now" : "no window was found";
            return new ForwardAdvice(workloadId, windowMinutes, energyKwh, energyBasis, now, null, best, 0, perLocation, notes, $"No advice: {reason}. Import a forecast (kind forecast) for it.");
        }

        var saving = baseline.KgCo2e - best.KgCo2e;
        var explanation = saving <= 0
            ? $"Starting now in {own} is already the lowest-intensity choice in the forecasts ({Numbers.Plain(Math.Round(baseline.MeanKgCo2ePerKwh, 4))} kg CO2e/kWh over {windowMinutes} min, {baseline.Dataset})."
            : $"Run the {windowMinutes}-minute job in {best.Location} from {best.Start} to {best.End} UTC: forecast {Numbers.Plain(Math.Round(best.MeanKgCo2ePerKwh, 4))} kg CO2e/kWh "
              + $"instead of {Numbers.Plain(Math.Round(baseline.MeanKgCo2ePerKwh, 4))} starting {(runNow is null ? baseline.Start + " UTC" : "now")} in {own}; for {Numbers.Plain(Math.Round(energyKwh, 4))} kWh that is "
              + $"{Numbers.Plain(Math.Round(best.KgCo2e, 4))} instead of {Numbers.Plain(Math.Round(baseline.KgCo2e, 4))} kg CO2e, an expected saving of {Numbers.Plain(Math.Round(saving, 4))} kg CO2e ({best.Dataset}, generated {best.GeneratedAt}).";
        return new ForwardAdvice(workloadId, windowMinutes, energyKwh, energyBasis, now, baseline, best, saving, perLocation, notes, explanation);
    }
}
