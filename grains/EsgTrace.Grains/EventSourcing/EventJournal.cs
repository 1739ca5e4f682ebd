using EsgTrace.Storage;

namespace EsgTrace.EventSourcing;

/// <summary>
/// Append-only facts for one grain: events go to the event log first (the record of truth), then the snapshot is written.
/// On activation the grain catches up from the log past its snapshot, so a crash between the two writes loses nothing and
/// the snapshot never grows with history.
/// </summary>
public sealed class EventJournal<TState, TEvent>(string stream, IPersistentState<TState> snapshot, IEventLog log, Action<TState, TEvent, long> apply)
    where TState : class, IEventSourcedState
    where TEvent : class
{
    public TState State => snapshot.State;

    public bool Exists => snapshot.State.Version > 0;

    public string Stream => stream;

    /// <summary>Reads events the snapshot has not seen yet (after a crash between log append and snapshot write).</summary>
    public async Task CatchUpAsync()
    {
        var caughtUp = false;
        await foreach (var recorded in log.ReadAsync(stream, snapshot.State.Version + 1))
        {
            apply(snapshot.State, EventCodec<TEvent>.Decode(recorded), recorded.Version);
            snapshot.State.Version = recorded.Version;
            caughtUp = true;
        }

        if (caughtUp)
        {
            await snapshot.WriteStateAsync();
        }
    }

    /// <summary>Appends the events (atomically), applies them and writes the snapshot.</summary>
    /// <exception cref="StorageConflictException">Another activation appended first; the grain should be reactivated.</exception>
    public async Task AppendAsync(params TEvent[] events)
    {
        var newEvents = events.Select(EventCodec<TEvent>.Encode).ToList();
        var first = snapshot.State.Version + 1;
        await log.AppendAsync(stream, snapshot.State.Version, newEvents);
        for (var i = 0; i < events.Length; i++)
        {
            apply(snapshot.State, events[i], first + i);
        }

        snapshot.State.Version = first + events.Length - 1;
        await snapshot.WriteStateAsync();
    }

    /// <summary>The stream's events as stored (for history views and audits).</summary>
    public IAsyncEnumerable<RecordedEvent> HistoryAsync() => log.ReadAsync(stream);
}
