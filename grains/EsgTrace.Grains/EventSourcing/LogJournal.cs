using EsgTrace.Storage;

namespace EsgTrace.EventSourcing;

/// <summary>
/// Append-only facts for an aggregate whose log stays short (a shipment: recorded, perhaps corrected or withdrawn): its state
/// is its log folded on activation, so there is no snapshot to write, and an event is one row the grain can commit in one
/// atomic batch with the index entries and audit record that follow from it.
/// </summary>
public sealed class LogJournal<TState, TEvent>(string stream, IEventLog log, EventTypes<TEvent> types, Action<TState, TEvent, long> apply)
    where TState : class, IEventSourcedState, new()
    where TEvent : class
{
    private readonly List<TEvent> _events = [];

    public TState State { get; } = new();

    public bool Exists => State.Version > 0;

    /// <summary>Every event so far, oldest first (the log is short by design).</summary>
    public IReadOnlyList<TEvent> Events => _events;

    public async Task LoadAsync()
    {
        await foreach (var recorded in log.ReadAsync(stream, State.Version + 1))
        {
            Applied(types.Decode(recorded));
        }
    }

    /// <summary>The writes that append <paramref name="e"/> as the next version; once they are committed, call <see cref="Applied"/>.</summary>
    public IReadOnlyList<TableWrite> AppendWrites(TEvent e) => log.AppendWrites(stream, State.Version, [types.Encode(e)]);

    /// <summary>Appends one event on its own and applies it.</summary>
    /// <exception cref="StorageConflictException">Another activation appended first; the grain should be reactivated.</exception>
    public async Task AppendAsync(TEvent e)
    {
        await log.AppendAsync(stream, State.Version, [types.Encode(e)]);
        Applied(e);
    }

    /// <summary>Applies an event whose append has committed.</summary>
    public void Applied(TEvent e)
    {
        _events.Add(e);
        State.Version++;
        apply(State, e, State.Version);
    }
}
