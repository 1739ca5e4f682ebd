using EsgTrace.Domain;

namespace EsgTrace.GreenIt;

/// <summary>One imported intensity dataset (key "id@version"), immutable once stored.</summary>
[Alias("esg.IIntensitySeriesGrain")]
public interface IIntensitySeriesGrain : IGrainWithStringKey
{
    /// <summary>Stores the dataset; the same content again is a no-op, other content under the same id@version is refused.</summary>
    [Alias("Store")]
    Task<Outcome<string>> Store(IntensitySeries series);

    [Alias("Get")]
    Task<IntensitySeries?> Get();
}

/// <summary>The list of imported intensity datasets (key "default"), in import order.</summary>
[Alias("esg.IIntensityCatalogGrain")]
public interface IIntensityCatalogGrain : IGrainWithStringKey
{
    /// <summary>Imports a dataset version: stores it, then lists it; a version is never changed once imported.</summary>
    [Alias("Import")]
    Task<Outcome<IntensitySeriesSummary>> Import(IntensitySeries series, string actor);

    [Alias("List")]
    Task<IReadOnlyList<IntensitySeriesSummary>> List();
}

/// <summary>Carbon Aware SDK-shaped queries and forward advice over the imported intensity datasets (stateless).</summary>
[Alias("esg.ICarbonAwareGrain")]
public interface ICarbonAwareGrain : IGrainWithIntegerKey
{
    /// <summary>Measured intensity of the locations over [start, end] (SDK defaults: start = now, end = start); with best, only the lowest.</summary>
    [Alias("ByLocations")]
    Task<Outcome<IReadOnlyList<EmissionsData>>> ByLocations(IReadOnlyList<string> locations, NodaTime.Instant? start, NodaTime.Instant? end, bool best);

    /// <summary>Each location's current forecast (newest generated), scoped and averaged as the SDK's /emissions/forecasts/current.</summary>
    [Alias("CurrentForecasts")]
    Task<Outcome<IReadOnlyList<EmissionsForecast>>> CurrentForecasts(IReadOnlyList<string> locations, NodaTime.Instant? dataStartAt, NodaTime.Instant? dataEndAt, int? windowSize);

    /// <summary>The best window in the current forecasts for a job of the workload, with its expected saving.</summary>
    [Alias("ForwardAdvice")]
    Task<Outcome<ForwardAdvice>> ForwardAdvice(string workloadId, int windowMinutes, decimal? energyKwh);
}
