using EsgTrace.Domain;

namespace EsgTrace.GreenIt;

/// <summary>The yearly grid-intensity datasets (key "default"): each id@version is imported once and never changes.</summary>
[Alias("esg.IGridDatasetsGrain")]
public interface IGridDatasetsGrain : IGrainWithStringKey
{
    /// <summary>Imports a dataset version; the same id@version with other figures is refused (versions are immutable).</summary>
    [Alias("Import")]
    Task<Outcome<string>> Import(YearlyGridDataset dataset, string actor);

    /// <summary>The named dataset (id@version), or with null the newest imported one; null when there is none.</summary>
    [Alias("Get")]
    Task<YearlyGridDataset?> Get(string? reference);

    [Alias("List")]
    Task<IReadOnlyList<string>> List();
}
