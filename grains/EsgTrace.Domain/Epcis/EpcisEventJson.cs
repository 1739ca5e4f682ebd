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

    /// <summary>True when two events say the same thing: equal JSON, ignoring eventID, recordTime and errorDeclaration.</summary>
    public static bool SameEvent(JsonElement a, JsonElement b) => Canonical(a) == Canonical(b);

    private static string Canonical(JsonElement e)
    {
        var fields = e.EnumerateObject()
            .Where(p => p.Name is not ("eventID" or "recordTime" or "errorDeclaration"))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + JsonSerializer.Serialize(p.Value));
        return string.Join("\u0001", fields);
    }
}
