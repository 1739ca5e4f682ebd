using EsgTrace.Audit;
using EsgTrace.Domain;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>Lists the imported intensity datasets; each import goes to the audit trail.</summary>
public sealed class IntensityCatalogGrain(
    [PersistentState("intensity-catalog")] IPersistentState<IntensityCatalogState> state,
    IAuditTrail audit,
    IClock clock) : Grain, IIntensityCatalogGrain
{
    public const int MaxDatasets = 500;

    public async Task<Outcome<IntensitySeriesSummary>> Import(IntensitySeries series, string actor)
    {
        if (state.State.Datasets.FirstOrDefault(d => d.Ref == series.Ref) is { } listed)
        {
            var again = await GrainFactory.GetGrain<IIntensitySeriesGrain>(series.Ref).Store(series);
            return again.IsOk ? Outcome<IntensitySeriesSummary>.Ok(listed) : again.Problem!;
        }

        if (state.State.Datasets.Count >= MaxDatasets)
        {
            return new DomainProblem(ProblemKind.Conflict, "Too many intensity datasets.", $"At most {MaxDatasets} intensity datasets are kept; import a longer period as one dataset.");
        }

        // The dataset is stored before it is listed: a failure in between leaves an unlisted grain that the same import completes.
        var stored = await GrainFactory.GetGrain<IIntensitySeriesGrain>(series.Ref).Store(series);
        if (!stored.IsOk)
        {
            return stored.Problem!;
        }

        var summary = series.Summary(clock.GetCurrentInstant(), actor);
        state.State.Datasets.Add(summary);
        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(summary.ImportedAt, actor, "intensity-series.imported", "intensity-series:" + series.Ref,
            $"{summary.MeasuredPoints} measured, {summary.ForecastPoints} forecast points for {string.Join(", ", summary.Locations)}; {series.Source}"));
        return Outcome<IntensitySeriesSummary>.Ok(summary);
    }

    public Task<IReadOnlyList<IntensitySeriesSummary>> List() => Task.FromResult<IReadOnlyList<IntensitySeriesSummary>>(state.State.Datasets.ToList());
}

/// <summary>Summaries of the imported intensity datasets, in import order (bounded by <see cref="IntensityCatalogGrain.MaxDatasets"/>).</summary>
public sealed class IntensityCatalogState
{
    public List<IntensitySeriesSummary> Datasets { get; set; } = [];
}
