namespace EsgTrace.GreenIt;

/// <summary>
/// The grid intensity a workload's energy is multiplied by: location-based (always) and, where the source publishes one,
/// a market-based figure shown beside it, never instead of it. kg CO2e per kWh.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.grid-intensity")]
public sealed record GridIntensity(string Provider, string Region, decimal LocationKgPerKwh, decimal? MarketKgPerKwh, decimal Pue, string Source);
