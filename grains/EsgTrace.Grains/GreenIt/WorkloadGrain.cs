using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// A workload: definition changes and usage batches are events; the usage records are in the usage log (<see cref="UsageLog"/>),
/// so the snapshot stays small whatever the history. A batch is marked in index "usagebatches" with its event, so it counts once.
/// </summary>
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

    private UsageLog Usage => new(tables);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var s = snapshot.State;
        if (s.UsageRecords == 0 && s.LegacyUsage.Count > 0)
        {
            // A snapshot of the first format: its summary is worked out from the records it holds.
            s.UsageRecords = s.LegacyUsage.Count;
            s.FirstDay = s.LegacyUsage.Values.Min(u => u.PeriodStart);
            s.LastDay = s.LegacyUsage.Values.Max(u => u.PeriodEnd);
        }

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
        if (rows.Count == 0)
        {
            return View();
        }

        await _journal.FinishPendingAsync();
        if (await AlreadyRecordedAsync(batchKey))
        {
            return View();
        }

        // The rows go to the log first (blind, keyed by batch: a retry rewrites the same rows), then the event that counts them.
        var chunker = new UsageChunker(BlobNames.Segment(batchKey), clock.GetCurrentInstant().ToUnixTimeTicks());
        var ready = new List<TableRow>();
        long written = 0;
        foreach (var row in rows)
        {
            chunker.Add(row with { WorkloadId = Id }, ready, ref written);
        }

        chunker.CloseAll(ready, ref written);
        await Usage.WriteAsync(ready);
        return await RecordLoggedAsync(batchKey, chunker.Summaries[Id], actor);
    }

    public async Task<WorkloadView> RecordLogged(string batchKey, UsageBatchSummary summary, string actor)
    {
        await _journal.FinishPendingAsync();
        return await AlreadyRecordedAsync(batchKey) ? View() : await RecordLoggedAsync(batchKey, summary, actor);
    }

    public Task<WorkloadView?> Get() => Task.FromResult(_journal.State.Definition is null ? null : View());

    public async Task<WorkloadData?> Data()
        => _journal.State.Definition is { } d
            ? new WorkloadData(Id, d, await Usage.ReadAsync(Id, _journal.State.LegacyUsage.Values))
            : null;

    private async Task<bool> AlreadyRecordedAsync(string batchKey)
        => _journal.State.LegacyBatches.Contains(batchKey) || await index.GetAsync(GreenItIndexes.UsageBatches, Id, batchKey) is not null;

    private async Task<WorkloadView> RecordLoggedAsync(string batchKey, UsageBatchSummary summary, string actor)
    {
        var at = clock.GetCurrentInstant();
        var events = new List<WorkloadEvent>();
        if (_journal.State.Definition is null)
        {
            events.Add(new WorkloadDefined(new WorkloadDefinition(Id, actor, summary.Provider, summary.Region, "unstated"), at, actor));
        }

        events.Add(new UsageLogged(batchKey, summary, at, actor));
        await _journal.AppendAsync([.. events]);
        return View();
    }

    private WorkloadView View()
    {
        var s = _journal.State;
        return new WorkloadView(Id, s.Definition!, (int)Math.Min(int.MaxValue, s.UsageRecords), s.FirstDay, s.LastDay, s.Version);
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
                WorkloadDefined when next is UsageRecorded or UsageLogged && next.At == e.At => (null, null),
                WorkloadDefined d => (version == 1 ? "workload.defined" : "workload.redefined", d.Definition.Name),
                UsageRecorded u => ("workload.usage-recorded", $"{u.Rows.Count} record(s), batch {u.BatchKey}"),
                UsageLogged l => ("workload.usage-recorded", $"{l.Summary.Rows} record(s), batch {l.BatchKey}"),
                _ => throw new ArgumentOutOfRangeException(nameof(changes), e.GetType().Name, "Unknown workload event."),
            };
            if (e is UsageLogged logged)
            {
                writes.Add(index.PutWrite(GreenItIndexes.UsageBatches, Id, logged.BatchKey, ReadOnlyMemory<byte>.Empty));
            }

            if (action is not null)
            {
                writes.Add(_journal.AuditWrite(audit, changes[i], new AuditRecord(e.At, e.Actor, action, "workload:" + Id, detail)));
            }
        }

        await tables.WriteAtomicAsync(writes);
    }
}
