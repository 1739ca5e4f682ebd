using EsgTrace.Domain;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;

namespace EsgTrace.GreenIt;

/// <summary>Holds one imported intensity dataset; written once.</summary>
public sealed class IntensitySeriesGrain(
    [PersistentState("intensity-series", GrainStorageNames.LargeState)] IPersistentState<IntensitySeriesState> state) : Grain, IIntensitySeriesGrain
{
    public async Task<Outcome<string>> Store(IntensitySeries series)
    {
        if (series.Ref != this.GetPrimaryKeyString())
        {
            return DomainProblem.Invalid("id", $"This dataset is {this.GetPrimaryKeyString()}, not {series.Ref}.");
        }

        if (state.State.Series is { } existing)
        {
            return SameContent.Of(existing, series) ? Outcome<string>.Ok(series.Ref) : FactRules.AlreadyRecorded("intensity dataset", series.Ref);
        }

        state.State.Series = series;
        await state.WriteStateAsync();
        return Outcome<string>.Ok(series.Ref);
    }

    public Task<IntensitySeries?> Get() => Task.FromResult(state.State.Series);
}

/// <summary>The stored dataset, or null before the import.</summary>
public sealed class IntensitySeriesState
{
    public IntensitySeries? Series { get; set; }
}
