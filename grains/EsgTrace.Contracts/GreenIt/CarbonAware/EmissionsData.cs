using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// The Carbon Aware SDK's EmissionsData: a location's intensity over [<see cref="Time"/>, Time + duration).
/// <see cref="Rating"/> is in g CO2e/kWh, as the SDK states its ratings (our datasets hold kg CO2e/kWh; × 1000).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.emissions-data")]
public sealed record EmissionsData(string Location, Instant Time, decimal Rating, int DurationMinutes, string Dataset);

/// <summary>The Carbon Aware SDK's EmissionsForecast: a location's current forecast scoped to [DataStartAt, DataEndAt], averaged over windows of WindowSize minutes, with the lowest window(s).</summary>
[GenerateSerializer, Immutable, Alias("esg.emissions-forecast")]
public sealed record EmissionsForecast(
    string Location, Instant GeneratedAt, Instant RequestedAt, Instant DataStartAt, Instant DataEndAt, int WindowSize,
    IReadOnlyList<EmissionsData> OptimalDataPoints, IReadOnlyList<EmissionsData> ForecastData, string Dataset);

/// <summary>A location's current forecast: the points of the newest-generated dataset that forecasts it.</summary>
[GenerateSerializer, Immutable, Alias("esg.current-forecast")]
public sealed record CurrentForecast(string Location, string Dataset, Instant GeneratedAt, IReadOnlyList<IntensityPoint> Points);

/// <summary>A measured point with the dataset it came from, for lineage.</summary>
[GenerateSerializer, Immutable, Alias("esg.sourced-point")]
public sealed record SourcedPoint(IntensityPoint Point, string Dataset);
