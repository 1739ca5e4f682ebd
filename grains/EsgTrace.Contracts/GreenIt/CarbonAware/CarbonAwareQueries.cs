using EsgTrace.Domain;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// The Carbon Aware SDK's emissions and forecast rules (GSF carbon-aware-sdk, EmissionsHandler and ForecastHandler) over
/// imported intensity: a point is in [start, end] when it ends after start and starts no later than end; "best" is every
/// point with the lowest rating; a forecast is scoped to [dataStartAt, dataEndAt] (both within the forecast, start before
/// end), then averaged over windows of windowSize minutes stepped by one point's duration, time-weighted where a window
/// cuts a point. Unlike the SDK, a window that the data do not cover whole (a gap) is left out rather than failing.
/// </summary>
public static class CarbonAwareQueries
{
    public const decimal GramsPerKg = 1000m;

    /// <summary>Validates the SDK's common parameters and applies its defaults: start = now, end = start; toTime needs time.</summary>
    public static (Instant Start, Instant End, DomainProblem? Problem) Period(IReadOnlyList<string> locations, Instant? start, Instant? end, Instant now)
    {
        var errors = new Dictionary<string, string[]>();
        if (locations.Count == 0 || locations.Any(string.IsNullOrWhiteSpace))
        {
            errors["location"] = ["location is not set"];
        }

        if (end is not null && start is null)
        {
            errors["time"] = ["time must be defined if toTime is defined"];
        }
        else if (start is { } s && end is { } e && s >= e)
        {
            errors["time"] = ["time must be before toTime"];
        }

        var from = start ?? now;
        return (from, end ?? from, errors.Count > 0 ? DomainProblem.Invalid(errors) : null);
    }

    /// <summary>The measured points of the locations that overlap [start, end], chronological per location.</summary>
    public static IReadOnlyList<EmissionsData> ByLocations(IEnumerable<SourcedPoint> measured, IReadOnlyCollection<string> locations, Instant start, Instant end)
        => measured.Where(p => locations.Contains(p.Point.Location) && p.Point.End > start && p.Point.Start <= end)
            .OrderBy(p => p.Point.Location, StringComparer.Ordinal).ThenBy(p => p.Point.Start)
            .Select(p => Data(p.Point, p.Dataset)).ToList();

    /// <summary>Every data point with the lowest rating (ties all returned, as the SDK does).</summary>
    public static IReadOnlyList<EmissionsData> Best(IReadOnlyList<EmissionsData> data)
        => data.Count == 0 ? [] : data.Where(d => d.Rating == data.Min(x => x.Rating)).ToList();

    /// <summary>The SDK's /emissions/forecasts/current for one location, or the parameter problems (field → messages).</summary>
    public static Outcome<EmissionsForecast> Forecast(CurrentForecast forecast, Instant? dataStartAt, Instant? dataEndAt, int? windowSize, Instant requestedAt)
    {
        var points = forecast.Points.OrderBy(p => p.Start).ToList();
        var errors = new Dictionary<string, string[]>();
        if (points.Count == 0)
        {
            return new DomainProblem(ProblemKind.NotFound, "No forecast.", $"{forecast.Dataset} has no forecast for {forecast.Location}.");
        }

        var (min, max) = (points[0].Start, points[^1].End);
        var start = dataStartAt ?? min;
        var end = dataEndAt ?? max;
        if (start >= end)
        {
            errors["dataStartAt"] = ["dataStartAt must be earlier than dataEndAt"];
        }

        if (start < min || start > max)
        {
            errors["dataStartAt"] = [.. errors.GetValueOrDefault("dataStartAt") ?? [], $"dataStartAt must be within time range of the forecasted data, '{min}' through '{max}'"];
        }

        if (end < min || end > max)
        {
            errors["dataEndAt"] = [$"dataEndAt must be within time range of the forecasted data, '{min}' through '{max}'"];
        }

        var tick = (int)points[0].Length.TotalMinutes;
        var window = windowSize ?? tick;
        if (window <= 0 || window > 7 * 24 * 60)
        {
            errors["windowSize"] = ["windowSize is a number of minutes from 1 to 10080 (one week)"];
        }

        if (errors.Count > 0)
        {
            return DomainProblem.Invalid(errors);
        }

        var scoped = points.Where(p => p.End > start && p.Start <= end).ToList();
        var windows = new List<EmissionsData>();
        for (var s = start; s + Duration.FromMinutes(window) <= end; s += Duration.FromMinutes(tick))
        {
            if (Average(scoped, s, s + Duration.FromMinutes(window)) is { } mean)
            {
                windows.Add(new EmissionsData(forecast.Location, s, mean * GramsPerKg, window, forecast.Dataset));
            }
        }

        return Outcome<EmissionsForecast>.Ok(new EmissionsForecast(forecast.Location, forecast.GeneratedAt, requestedAt, start, end, window, Best(windows), windows, forecast.Dataset));
    }

    /// <summary>
    /// The time-weighted mean kg CO2e/kWh over [from, to) (each point counts for the part of it inside), or null when the
    /// points leave part of the period uncovered.
    /// </summary>
    public static decimal? Average(IReadOnlyList<IntensityPoint> points, Instant from, Instant to)
    {
        var total = (decimal)(to - from).TotalMinutes;
        var covered = 0m;
        var weighted = 0m;
        foreach (var p in points)
        {
            var overlap = Overlap(p, from, to);
            covered += overlap;
            weighted += overlap * p.KgCo2ePerKwh;
        }

        return total > 0 && covered == total ? weighted / total : null;
    }

    /// <summary>Minutes of the point that fall inside [from, to).</summary>
    public static decimal Overlap(IntensityPoint p, Instant from, Instant to)
    {
        var s = p.Start > from ? p.Start : from;
        var e = p.End < to ? p.End : to;
        return e > s ? (decimal)(e - s).TotalMinutes : 0;
    }

    private static EmissionsData Data(IntensityPoint p, string dataset) => new(p.Location, p.Start, p.KgCo2ePerKwh * GramsPerKg, (int)p.Length.TotalMinutes, dataset);
}
