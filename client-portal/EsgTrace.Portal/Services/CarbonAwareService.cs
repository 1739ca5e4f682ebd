using EsgTrace.Domain;
using EsgTrace.GreenIt;
using NodaTime;

namespace EsgTrace.Portal.Services;

/// <summary>The portal's and API's door to the imported intensity datasets, the Carbon Aware queries and forward advice.</summary>
public sealed class CarbonAwareService(IGrainFactory grains, IClock clock)
{
    /// <summary>Largest intensity file accepted (about 100,000 rows).</summary>
    public const int MaxImportBytes = 8 * 1024 * 1024;

    private IIntensityCatalogGrain Catalog => grains.GetGrain<IIntensityCatalogGrain>("default");

    private ICarbonAwareGrain Queries => grains.GetGrain<ICarbonAwareGrain>(0);

    /// <summary>Parses the whole file first (every problem with its line); only a file without problems reaches the grains.</summary>
    public async Task<Outcome<IntensitySeriesSummary>> ImportAsync(string? id, string? version, string? title, string? source, string? licence, string? generatedAt, string csv, string actor)
    {
        var generated = clock.GetCurrentInstant();
        if (!string.IsNullOrWhiteSpace(generatedAt))
        {
            if (CarbonAwareTime.Parse(generatedAt) is not { } at)
            {
                return DomainProblem.Invalid("generatedAt", $"generatedAt '{generatedAt}' is not an ISO 8601 time with an offset, e.g. 2026-12-01T06:00:00Z.");
            }

            generated = at;
        }

        var (series, errors) = IntensitySeriesCsv.Parse(id ?? string.Empty, version ?? string.Empty, title ?? string.Empty, source ?? string.Empty,
            string.IsNullOrWhiteSpace(licence) ? "stated by the importer" : licence.Trim(), generated, new StringReader(csv));
        return series is null
            ? DomainProblem.Invalid(new Dictionary<string, string[]> { ["file"] = [.. errors.Take(200)] })
            : await Catalog.Import(series, actor);
    }

    public Task<IReadOnlyList<IntensitySeriesSummary>> DatasetsAsync() => Catalog.List();

    public Task<Outcome<IReadOnlyList<EmissionsData>>> ByLocationsAsync(IReadOnlyList<string> locations, Instant? start, Instant? end, bool best)
        => Queries.ByLocations(locations, start, end, best);

    public Task<Outcome<IReadOnlyList<EmissionsForecast>>> CurrentForecastsAsync(IReadOnlyList<string> locations, Instant? dataStartAt, Instant? dataEndAt, int? windowSize)
        => Queries.CurrentForecasts(locations, dataStartAt, dataEndAt, windowSize);

    public Task<Outcome<ForwardAdvice>> ForwardAdviceAsync(string workloadId, int windowMinutes, decimal? energyKwh)
        => Queries.ForwardAdvice(workloadId, windowMinutes, energyKwh);
}

/// <summary>Times as the Carbon Aware SDK accepts them: ISO 8601 with an offset, or a date (midnight UTC).</summary>
public static class CarbonAwareTime
{
    public static Instant? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(text.Trim()) is { Success: true } odt)
        {
            return odt.Value.ToInstant();
        }

        return NodaTime.Text.LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } date ? date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() : null;
    }
}
