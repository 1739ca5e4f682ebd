using EsgTrace.Audit;
using EsgTrace.Storage;

namespace EsgTrace.EventSourcing;

/// <summary>
/// The one event-sourcing mechanism of the snapshot aggregates. A change appends its events to the event log (the record of
/// truth), applies them, runs the grain's follow-ups (index entries, audit records, notifications; each idempotent) and then
/// writes the snapshot. The snapshot's version is therefore the version whose follow-ups are done: on activation the grain
/// reads the events past it, applies them and finishes their follow-ups, so a crash or failed write anywhere after the event
/// is finished by the next activation (or the next command of this one), exactly once. The snapshot never grows with history.
/// </summary>
/// <param name="followUps">What a change owes the rest of the system, given the events it added (state already applied); it runs
/// again after a failure, so every write in it must be idempotent (puts; audit records through <see cref="AuditWrite"/>).</param>
/// <param name="owner">The grain's context: an activation whose follow-ups failed is discarded, so the next call reloads it.</param>
public sealed class EventJournal<TState, TEvent>(
    string stream,
    IPersistentState<TState> snapshot,
    IEventLog log,
    EventTypes<TEvent> types,
    Action<TState, TEvent, long> apply,
    Func<IReadOnlyList<JournalEntry<TEvent>>, Task> followUps,
    IGrainContext? owner = null)
    where TState : class, IEventSourcedState, new()
    where TEvent : class
{
    private readonly List<JournalEntry<TEvent>> _pending = [];

    public TState State => snapshot.State;

    public bool Exists => snapshot.State.Version > 0;

    public string Stream => stream;

    /// <summary>Whether events of this activation still owe their follow-ups (a write after the event failed).</summary>
    public bool HasPending => _pending.Count > 0;

    /// <summary>On activation: applies the events the snapshot has not seen (a change stopped after its event) and finishes them.</summary>
    public async Task CatchUpAsync()
    {
        await foreach (var recorded in log.ReadAsync(stream, snapshot.State.Version + 1))
        {
            Apply(types.Decode(recorded), recorded.Version);
        }

        await FinishPendingAsync();
    }

    /// <summary>Appends the events (atomically), applies them, runs their follow-ups and writes the snapshot.</summary>
    /// <exception cref="StorageConflictException">Another activation appended first; the grain should be reactivated.</exception>
    public async Task AppendAsync(params TEvent[] events)
    {
        await FinishPendingAsync();
        var newEvents = events.Select(types.Encode).ToList();
        var first = snapshot.State.Version + 1;
        try
        {
            await log.AppendAsync(stream, snapshot.State.Version, newEvents);
        }
        catch
        {
            // Unknown outcome or lost race: memory may now be behind the log, so the next call starts from storage.
            Discard();
            throw;
        }

        for (var i = 0; i < events.Length; i++)
        {
            Apply(events[i], first + i);
        }

        await FinishPendingAsync();
    }

    /// <summary>Finishes what an earlier change of this activation left undone; call it before a command answers from state.</summary>
    public async Task FinishPendingAsync()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        try
        {
            await followUps([.. _pending]);
            await snapshot.WriteStateAsync();
            _pending.Clear();
        }
        catch
        {
            Discard();
            throw;
        }
    }

    /// <summary>
    /// The audit record of an event as a table write keyed by stream and version, so finishing the change again puts the same
    /// record once. The record's instant should be the event's, not the time of the retry.
    /// </summary>
    public TableWrite AuditWrite(IAuditTrail audit, JournalEntry<TEvent> entry, AuditRecord record) => audit.RecordWrite(record, $"{stream}@{entry.Version}");

    /// <summary>The state as it was at <paramref name="version"/>, folded from the log (for follow-ups that need what a change replaced).</summary>
    public async Task<TState> StateAtAsync(long version)
    {
        var state = new TState();
        await foreach (var recorded in log.ReadAsync(stream, 1, version))
        {
            apply(state, types.Decode(recorded), recorded.Version);
            state.Version = recorded.Version;
        }

        return state;
    }

    /// <summary>The stream's events as stored (for history views and audits).</summary>
    public IAsyncEnumerable<RecordedEvent> HistoryAsync() => log.ReadAsync(stream);

    private void Apply(TEvent e, long version)
    {
        apply(snapshot.State, e, version);
        snapshot.State.Version = version;
        _pending.Add(new JournalEntry<TEvent>(version, e));
    }

    private void Discard() => owner?.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A change did not finish its writes; the next call reloads the grain from its log."));
}
