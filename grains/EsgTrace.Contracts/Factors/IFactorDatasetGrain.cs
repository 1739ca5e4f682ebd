using EsgTrace.Domain;

namespace EsgTrace.Factors;

/// <summary>One imported version of a factor dataset, keyed "id@version". Immutable once imported, so old results stay reproducible.</summary>
[Alias("esg.IFactorDatasetGrain")]
public interface IFactorDatasetGrain : IGrainWithStringKey
{
    [Alias("Import")]
    Task<Outcome<FactorCatalog>> Import(FactorCatalog catalog, string actor);

    [Alias("Get")]
    Task<FactorCatalog?> Get();
}
