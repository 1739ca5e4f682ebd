using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>A location-based grid factor (kg CO2e/kWh) with the source and time it stands for.</summary>
[GenerateSerializer, Immutable, Alias("esg.matched-grid-factor")]
public sealed record MatchedGridFactor(decimal KgCo2ePerKwh, string Source);

/// <summary>
/// The seam through which a usage record gets the grid factor of its own time (per-year datasets, imported hourly
/// measurements): given the region, the record's UTC days and the factor that applies otherwise, a source returns the
/// factor to use, or null where it has nothing for that time.
/// </summary>
public interface IGridFactorLookup
{
    MatchedGridFactor? Lookup(string provider, string region, LocalDate start, LocalDate end, MatchedGridFactor otherwise);
}
