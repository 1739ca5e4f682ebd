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
    ITableStore tables,
    IClock clock) : Grain, IWorkloadGrain
{
    private EventJournal<WorkloadState, WorkloadEvent> _journal = null!;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new("workload/" + Id, snapshot, log, WorkloadEventTypes.All, WorkloadState.Apply, FollowUpsAsync, GrainContext);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<WorkloadView>> Define(WorkloadDefinition definition, string actor)
    {
        if (WorkloadValidation.Check(Id, definition) is { } problem)
        {
            return problem;
        }

        await _journal.FinishPendingAsync();
        if (_journal.State.Definition is { } current && SameContent.Of(current, definition))
        {
            return Outcome<WorkloadView>.Ok(View());
        }

        await _journal.AppendAsync(new WorkloadDefined(definition, clock.GetCurrentInstant(), actor));
        return Outcome<WorkloadView>.Ok(View());
    }

    public async Task<WorkloadView> RecordUsage(string batchKey, IReadOnlyList<UsageRow> rows, string actor)
    {
        await _journal.FinishPendingAsync();
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

    /// <summary>The list row and one audit record per change, in one batch.</summary>
    private async Task FollowUpsAsync(IReadOnlyList<JournalEntry<WorkloadEvent>> changes)
    {
        List<TableWrite> writes = [JsonIndex.PutWrite(index, GreenItIndexes.Workloads, GreenItIndexes.All, Id, View())];
        for (var i = 0; i < changes.Count; i++)
        {
            var (version, e) = changes[i];
            var next = i + 1 < changes.Count ? changes[i + 1].Event : null;
            var (action, detail) = e switch
            {
                // The definition a usage import implies is appended with its usage and audited as that one change.
                WorkloadDefined when next is UsageRecorded u && u.At == e.At => (null, null),
                WorkloadDefined d => (version == 1 ? "workload.defined" : "workload.redefined", d.Definition.Name),
                UsageRecorded u => ("workload.usage-recorded", $"{u.Rows.Count} record(s), batch {u.BatchKey}"),
                _ => throw new ArgumentOutOfRangeException(nameof(changes), e.GetType().Name, "Unknown workload event."),
            };
            if (action is not null)
            {
                writes.Add(_journal.AuditWrite(audit, changes[i], new AuditRecord(e.At, e.Actor, action, "workload:" + Id, detail)));
            }
        }

        await tables.WriteAtomicAsync(writes);
    }
}
