using EsgTrace.Domain;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>The providers' own carbon reports (key "default"), kept as their own series and compared with our estimate, never summed with it.</summary>
[Alias("esg.IProviderEmissionsGrain")]
public interface IProviderEmissionsGrain : IGrainWithStringKey
{
    /// <summary>Stores a parsed export; a figure for the same provider, month, account, service, region and basis replaces the earlier one (a restated report).</summary>
    [Alias("Import")]
    Task<Outcome<int>> Import(string provider, IReadOnlyList<ProviderEmission> records, string actor);

    /// <summary>Per provider and month in the period: the reported totals by basis beside our estimate for that provider's workloads.</summary>
    [Alias("Compare")]
    Task<Outcome<IReadOnlyList<ProviderEmissionComparison>>> Compare(LocalDate from, LocalDate to, string? gridDataset);
}
