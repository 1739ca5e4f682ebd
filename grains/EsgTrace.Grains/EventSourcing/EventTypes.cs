using System.Collections.Frozen;
using System.Text.Json;
using EsgTrace.Storage;
using EsgTrace.Time;

namespace EsgTrace.EventSourcing;

/// <summary>
/// The registry of one event family: each event type under the stable name its rows carry in the event log. Names are
/// written out, never taken from the class, so renaming or moving a class never orphans its history; a name stays once used.
/// Events are stored as JSON (EsgJson) under their name and read back by it.
/// </summary>
public sealed class EventTypes<TEvent>
    where TEvent : class
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];
    private FrozenDictionary<string, Type>? _frozenByName;
    private FrozenDictionary<Type, string>? _frozenByType;

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="name"/> (build the registry once, at type initialisation).</summary>
    public EventTypes<TEvent> Add<T>(string name)
        where T : TEvent
    {
        if (_frozenByName is not null)
        {
            throw new InvalidOperationException($"The {typeof(TEvent).Name} registry is in use; register every event type before the first one is stored or read.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_byName.TryAdd(name, typeof(T)))
        {
            throw new ArgumentException($"Event name '{name}' is taken by {_byName[name].Name} in the {typeof(TEvent).Name} registry.", nameof(name));
        }

        if (!_byType.TryAdd(typeof(T), name))
        {
            throw new ArgumentException($"{typeof(T).Name} is registered as '{_byType[typeof(T)]}' already.", nameof(name));
        }

        return this;
    }

    /// <summary>Every registered name and its type.</summary>
    public IReadOnlyDictionary<string, Type> Names => ByName;

    private FrozenDictionary<string, Type> ByName => _frozenByName ??= _byName.ToFrozenDictionary(StringComparer.Ordinal);

    private FrozenDictionary<Type, string> ByType => _frozenByType ??= _byType.ToFrozenDictionary();

    /// <summary>The stored name of an event.</summary>
    /// <exception cref="InvalidOperationException">Its type is not registered (a programming error: nothing is written).</exception>
    public string NameOf(TEvent e)
        => ByType.GetValueOrDefault(e.GetType())
            ?? throw new InvalidOperationException($"Event type {e.GetType().FullName} has no stored name in the {typeof(TEvent).Name} registry; register it before storing it.");

    public NewEvent Encode(TEvent e) => new(NameOf(e), JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), EsgJson.Options));

    /// <exception cref="InvalidDataException">The row's name is not registered (history written by another version, or damaged).</exception>
    public TEvent Decode(RecordedEvent recorded)
    {
        var type = ByName.GetValueOrDefault(recorded.Type)
            ?? throw new InvalidDataException($"Event '{recorded.Type}' at version {recorded.Version} of stream '{recorded.Stream}' has no type in the {typeof(TEvent).Name} registry (known: {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}).");
        return (TEvent)JsonSerializer.Deserialize(recorded.Json.Span, type, EsgJson.Options)!;
    }
}
