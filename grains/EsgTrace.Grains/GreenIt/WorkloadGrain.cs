using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>A workload: definition changes and usage batches are events; the snapshot holds one record per period.</summary>
public sealed class WorkloadGrain(
    [PersistentState("workload", GrainStorageNames.LargeState)] IPersistentState<WorkloadState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IWorkloadGrain
{
    private EventJournal<WorkloadState, WorkloadEvent> _journal = null!;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new("workload/" + Id, snapshot, log, WorkloadState.Apply);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<WorkloadView>> Define(WorkloadDefinition definition, string actor)
    {
        if (WorkloadValidation.Check(Id, definition) is { } problem)
        {
            return problem;
        }

        if (_journal.State.Definition is { } current && SameContent.Of(current, definition))
        {
            return Outcome<WorkloadView>.Ok(View());
        }

        var created = _journal.State.Definition is null;
        await _journal.AppendAsync(new WorkloadDefined(definition, clock.GetCurrentInstant(), actor));
        await AfterChangeAsync(created ? "workload.defined" : "workload.redefined", actor, definition.Name);
        return Outcome<WorkloadView>.Ok(View());
    }

    public async Task<WorkloadView> RecordUsage(string batchKey, IReadOnlyList<UsageRow> rows, string actor)
    {
        if (_journal.State.AppliedBatches.Contains(batchKey) || rows.Count == 0)
        {
            return View();
        }

        var at = clock.GetCurrentInstant();
        var events = new List<WorkloadEvent>();
        if (_journal.State.Definition is null)
        {
            var first = rows[0];
            events.Add(new WorkloadDefined(new WorkloadDefinition(Id, actor, first.Provider, first.Region, "unstated"), at, actor));
        }

        events.Add(new UsageRecorded(batchKey, rows, at, actor));
        await _journal.AppendAsync([.. events]);
        await AfterChangeAsync("workload.usage-recorded", actor, $"{rows.Count} record(s), batch {batchKey}");
        return View();
    }

    public Task<WorkloadView?> Get() => Task.FromResult(_journal.State.Definition is null ? null : View());

    public Task<WorkloadData?> Data()
        => Task.FromResult(_journal.State.Definition is { } d
            ? new WorkloadData(Id, d, _journal.State.Usage.Values.OrderBy(u => u.PeriodStart).ThenBy(u => u.PeriodEnd).ToList())
            : null);

    private WorkloadView View()
    {
        var s = _journal.State;
        var usage = s.Usage.Values;
        return new WorkloadView(Id, s.Definition!, usage.Count, usage.Count == 0 ? null : usage.Min(u => u.PeriodStart), usage.Count == 0 ? null : usage.Max(u => u.PeriodEnd), s.Version);
    }

    private async Task AfterChangeAsync(string action, string actor, string detail)
    {
        await JsonIndex.PutAsync(index, GreenItIndexes.Workloads, GreenItIndexes.All, Id, View());
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, action, "workload:" + Id, detail));
    }
}
