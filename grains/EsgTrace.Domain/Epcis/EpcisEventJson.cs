using System.Buffers;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Epcis;

/// <summary>The stored form of a captured event: its JSON with the eventID it is known by and the recordTime the repository gave it.</summary>
public static class EpcisEventJson
{
    /// <summary>The event as stored: eventID (sent or computed) and the server's recordTime first, then every sent field but recordTime.</summary>
    public static byte[] Stored(EpcisEventIn e, Instant recordTime, JsonElement? errorDeclaration = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("eventID", e.EventId);
            w.WriteString("recordTime", InstantPattern.ExtendedIso.Format(recordTime));
            foreach (var p in e.Json.EnumerateObject())
            {
                if (p.NameEquals("eventID") || p.NameEquals("recordTime") || (errorDeclaration is not null && p.NameEquals("errorDeclaration")))
                {
                    continue;
                }

                p.WriteTo(w);
            }

            if (errorDeclaration is { } declaration)
            {
                w.WritePropertyName("errorDeclaration");
                declaration.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// True when two events say the same thing: one canonical CBV 2.0 pre-hash string, each read with the namespace prefixes
    /// of its own document (and its own @context). Another key order, time zone or precision, an EPC URN for its Digital
    /// Link, a bare CBV term for its URI or another prefix for one namespace is the same event; eventID, recordTime,
    /// errorDeclaration and comments are not compared.
    /// </summary>
    public static bool SameEvent(JsonElement a, IReadOnlyDictionary<string, string> aPrefixes, JsonElement b, IReadOnlyDictionary<string, string> bPrefixes)
        => string.Equals(EventHash.PreHash(a, aPrefixes), EventHash.PreHash(b, bPrefixes), StringComparison.Ordinal);

    /// <summary>Two events of documents that declare no prefixes of their own (or the same ones).</summary>
    public static bool SameEvent(JsonElement a, JsonElement b, IReadOnlyDictionary<string, string>? prefixes = null)
        => SameEvent(a, prefixes ?? NoPrefixes, b, prefixes ?? NoPrefixes);

    private static readonly IReadOnlyDictionary<string, string> NoPrefixes = new Dictionary<string, string>();
}
