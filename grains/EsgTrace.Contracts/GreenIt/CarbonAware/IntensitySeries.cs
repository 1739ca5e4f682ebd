using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// An imported dataset of time-stamped grid intensity (hourly or finer), measured and/or forecast, immutable once
/// imported: the same id@version with other figures is refused. <see cref="GeneratedAt"/> is when its forecast was made
/// (the newest generated forecast of a location is its current one). Points are sorted by location, kind and start,
/// and never overlap within a location and kind.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.intensity-series")]
public sealed record IntensitySeries(string Id, string Version, string Title, string Source, string Licence, Instant GeneratedAt, IReadOnlyList<IntensityPoint> Points)
{
    public string Ref => $"{Id}@{Version}";

    public IntensitySeriesSummary Summary(Instant importedAt, string importedBy)
        => new(Ref, Title, Source, Licence, GeneratedAt, importedAt, importedBy,
            Points.Select(p => p.Location).Distinct().Order(StringComparer.Ordinal).ToList(),
            Points.Count(p => p.Kind == IntensityKind.Measured), Points.Count(p => p.Kind == IntensityKind.Forecast),
            Points.Count > 0 ? Points.Min(p => p.Start) : null, Points.Count > 0 ? Points.Max(p => p.End) : null);
}

/// <summary>What an imported intensity dataset holds, as listed: its reference, source, locations, counts and time range.</summary>
[GenerateSerializer, Immutable, Alias("esg.intensity-series-summary")]
public sealed record IntensitySeriesSummary(
    string Ref, string Title, string Source, string Licence, Instant GeneratedAt, Instant ImportedAt, string ImportedBy,
    IReadOnlyList<string> Locations, int MeasuredPoints, int ForecastPoints, Instant? From, Instant? To);
