using System.Collections.Frozen;
using System.Text.Json;
using EsgTrace.Storage;
using EsgTrace.Time;

namespace EsgTrace.EventSourcing;

/// <summary>
/// How the events of one aggregate are stored: JSON (EsgJson) under their type's simple name, read back by that name. The
/// name-to-type table is built once per event family, not per event read.
/// </summary>
public static class EventCodec<TEvent>
    where TEvent : class
{
    private static readonly FrozenDictionary<string, Type> Types = typeof(TEvent).Assembly.GetTypes()
        .Where(t => typeof(TEvent).IsAssignableFrom(t) && !t.IsAbstract)
        .GroupBy(t => t.Name, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public static NewEvent Encode(TEvent e) => new(e.GetType().Name, JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), EsgJson.Options));

    public static TEvent Decode(RecordedEvent recorded)
    {
        var type = Types.GetValueOrDefault(recorded.Type) ?? throw new InvalidDataException($"Unknown event type '{recorded.Type}' in stream '{recorded.Stream}'.");
        return (TEvent)JsonSerializer.Deserialize(recorded.Json.Span, type, EsgJson.Options)!;
    }
}
