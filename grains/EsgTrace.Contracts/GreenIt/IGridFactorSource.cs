using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>A location-based grid factor found for a time: its value, the dataset and the period it belongs to (e.g. "2024"), and where it comes from.</summary>
[GenerateSerializer, Immutable, Alias("esg.grid-factor")]
public sealed record GridFactor(decimal KgCo2ePerKwh, string Dataset, string Period, string Source);

/// <summary>
/// Where a usage period's grid factor comes from, by time: <see cref="YearlyGridFactors"/> (a dataset per calendar year)
/// now; an hourly source (measured or forecast intensity per hour) can answer the same question for shorter periods.
/// Null means the source has no factor for that region and time (the calculator then says so, or falls back to the CCF
/// constants, naming them).
/// </summary>
public interface IGridFactorSource
{
    /// <summary>The dataset's reference (id@version).</summary>
    string Dataset { get; }

    GridFactor? Find(string provider, string region, LocalDate day);
}

/// <summary>Factors of a <see cref="YearlyGridDataset"/>: a day uses the factor of its own calendar year.</summary>
public sealed class YearlyGridFactors(YearlyGridDataset dataset) : IGridFactorSource
{
    private readonly Dictionary<(string, string, int), YearlyGridFactor> _factors = dataset.Factors.ToDictionary(f => (f.Provider, f.Region, f.Year));

    public string Dataset => dataset.Ref;

    public GridFactor? Find(string provider, string region, LocalDate day)
    {
        var key = provider == "on-premises" ? region.Trim().ToUpperInvariant() : GridIntensities.Key(provider, region);
        return _factors.TryGetValue((provider, key, day.Year), out var f)
            ? new GridFactor(f.KgCo2ePerKwh, dataset.Ref, day.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{dataset.Title} ({dataset.Ref}; {dataset.Source}; licence: {dataset.Licence})")
            : null;
    }
}
