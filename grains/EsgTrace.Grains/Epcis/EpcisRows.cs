using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Storage;

namespace EsgTrace.Epcis;

/// <summary>
/// How the repository lays its events out in table <see cref="EpcisStore.EventsTable"/>. Since layout 2 an event is two rows:
/// its <b>id row</b> (partition = one of 16 buckets of the eventID's SHA-256, "e0"…"ef"; row = eventID), whose payload is
/// the record key alone, answers "is this id stored, and where?"; its <b>body row</b> (partition "b0"…"bf" by the capture
/// id inside the record key; row = record key) holds the namespace prefixes and the event's JSON. Index entries name the
/// record key in their key and carry no value, so an entry leads straight to the body; the eventID is no longer repeated
/// in every entry (about 90 bytes each for a hashed id), and body rows, keyed in record order, fill their pages.
/// Layout 1 (databases written before): the id row held the record key, prefixes and JSON itself
/// (<c>{"k":…,"c":{…},"e":…}</c>) and index entries carried the eventID. Both are read; nothing is migrated in bulk, an
/// event of layout 1 moves to layout 2 only when an error declaration rewrites it.
/// </summary>
public static class EpcisRows
{
    /// <summary>The partition of an event's id row.</summary>
    public static string IdPartition(string eventId) => "e" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)).AsSpan(0, 1))[..1];

    public static TableKey IdKey(string eventId) => new(IdPartition(eventId), eventId);

    /// <summary>The keys of the body row of the event stored under <paramref name="recordKey"/>: partition by its capture id, so one document's bodies share one.</summary>
    public static TableKey BodyKey(string recordKey) => new("b" + (Fnv(recordKey.AsSpan(19, recordKey.Length - 24)) & 15).ToString("x", System.Globalization.CultureInfo.InvariantCulture), recordKey);

    public static TableRow IdRow(string eventId, string recordKey) => new(IdPartition(eventId), eventId, Encoding.ASCII.GetBytes(recordKey));

    public static TableRow BodyRow(string recordKey, IReadOnlyDictionary<string, string> context, byte[] json)
    {
        var key = BodyKey(recordKey);
        return new TableRow(key.PartitionKey, key.RowKey, Encode(null, context, json));
    }

    /// <summary>What an id row says: layout 2 names the record key of the body; layout 1 holds the whole event.</summary>
    public static (string RecordKey, EpcisStoredEvent? Whole) ReadIdRow(ReadOnlyMemory<byte> data)
    {
        if (data.Span.Length > 0 && data.Span[0] == (byte)'{')
        {
            var whole = Decode(data, null);
            return (whole.RecordKey, whole);
        }

        return (Encoding.ASCII.GetString(data.Span), null);
    }

    public static EpcisStoredEvent ReadBody(string recordKey, ReadOnlyMemory<byte> data) => Decode(data, recordKey);

    /// <summary>A layout-1 row (an event as it was stored before layout 2), for tests that open older databases.</summary>
    public static TableRow LegacyRow(string eventId, string recordKey, IReadOnlyDictionary<string, string> context, byte[] json)
        => new(IdPartition(eventId), eventId, Encode(recordKey, context, json));

    private static byte[] Encode(string? recordKey, IReadOnlyDictionary<string, string> context, byte[] json)
    {
        var buffer = new ArrayBufferWriter<byte>(json.Length + 64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (recordKey is not null)
            {
                w.WriteString("k", recordKey);
            }

            w.WriteStartObject("c");
            foreach (var (prefix, uri) in context)
            {
                w.WriteString(prefix, uri);
            }

            w.WriteEndObject();
            w.WritePropertyName("e");
            w.WriteRawValue(json, skipInputValidation: true);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static EpcisStoredEvent Decode(ReadOnlyMemory<byte> data, string? recordKey)
    {
        using var doc = JsonDocument.Parse(data);
        var root = doc.RootElement;
        var context = root.GetProperty("c").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new EpcisStoredEvent(recordKey ?? root.GetProperty("k").GetString()!, context, Encoding.UTF8.GetBytes(root.GetProperty("e").GetRawText()));
    }

    private static uint Fnv(ReadOnlySpan<char> s)
    {
        var h = 2166136261u;
        foreach (var ch in s)
        {
            h = (h ^ ch) * 16777619u;
        }

        return h;
    }
}
