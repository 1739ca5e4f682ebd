using EsgTrace.Audit;
using EsgTrace.Domain;
using NodaTime;

namespace EsgTrace.Factors;

/// <summary>Keeps one imported dataset version; a second import of the same id@version must be identical.</summary>
public sealed class FactorDatasetGrain(
    [PersistentState("factors")] IPersistentState<FactorDatasetState> state,
    IAuditTrail audit,
    IClock clock) : Grain, IFactorDatasetGrain
{
    public async Task<Outcome<FactorCatalog>> Import(FactorCatalog catalog, string actor)
    {
        if (FactorCatalogRules.Check(catalog) is { Count: > 0 } errors)
        {
            return DomainProblem.Invalid(errors);
        }

        if (catalog.Dataset.Ref.ToString() != this.GetPrimaryKeyString())
        {
            return DomainProblem.Invalid("version", $"This dataset is {catalog.Dataset.Ref}, not {this.GetPrimaryKeyString()}.");
        }

        if (state.State.Catalog is not null)
        {
            return EsgTrace.Domain.SameContent.Of(state.State.Catalog, catalog)
                ? Outcome<FactorCatalog>.Ok(state.State.Catalog)
                : new DomainProblem(ProblemKind.Conflict, "This version exists.", $"{catalog.Dataset.Ref} was already imported with other figures; import the change as a new version.");
        }

        state.State.Catalog = catalog;
        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "factors.imported", "factors:" + catalog.Dataset.Ref, $"{catalog.Dataset.Factors.Count} factors"));
        return Outcome<FactorCatalog>.Ok(catalog);
    }

    public Task<FactorCatalog?> Get() => Task.FromResult(state.State.Catalog);
}

/// <summary>Stored state of a <see cref="FactorDatasetGrain"/>.</summary>
public sealed class FactorDatasetState
{
    public FactorCatalog? Catalog { get; set; }
}
