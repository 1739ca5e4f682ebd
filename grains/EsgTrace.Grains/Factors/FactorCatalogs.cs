using EsgTrace.Domain;

namespace EsgTrace.Factors;

/// <summary>Finds the factor catalog a calculation should use: the built-in starter set, or an imported dataset version.</summary>
public static class FactorCatalogs
{
    public static async Task<Outcome<FactorCatalog>> ResolveAsync(IGrainFactory grains, string? datasetRef)
    {
        if (string.IsNullOrWhiteSpace(datasetRef) || datasetRef == FactorCatalog.Starter.Dataset.Ref.ToString())
        {
            return Outcome<FactorCatalog>.Ok(FactorCatalog.Starter);
        }

        var imported = await grains.GetGrain<IFactorDatasetGrain>(datasetRef).Get();
        return imported is null
            ? new DomainProblem(ProblemKind.NotFound, "No such factor dataset.", $"Factor dataset '{datasetRef}' is not imported; use id@version of an imported dataset, or omit it for {FactorCatalog.Starter.Dataset.Ref}.")
            : Outcome<FactorCatalog>.Ok(imported);
    }
}
