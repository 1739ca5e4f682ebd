using System.Buffers;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Epcis;

/// <summary>
/// Writes an EPCISQueryDocument around stored events (their JSON copied as is): the answer of /events and of a named
/// query, a webhook delivery (with its subscriptionID) and a WebSocket message.
/// </summary>
public static class EpcisQueryDocumentWriter
{
    private const string StandardContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    public static byte[] Write(IReadOnlyList<byte[]> events, IReadOnlyDictionary<string, string> context, Instant creationDate, string queryName, string? subscriptionId = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + events.Sum(e => e.Length));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("@context");
            w.WriteStringValue(StandardContext);
            if (context.Count > 0)
            {
                w.WriteStartObject();
                foreach (var (prefix, uri) in context)
                {
                    w.WriteString(prefix, uri);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("type", "EPCISQueryDocument");
            w.WriteString("schemaVersion", "2.0");
            w.WriteString("creationDate", InstantPattern.ExtendedIso.Format(creationDate));
            w.WriteStartObject("epcisBody");
            w.WriteStartObject("queryResults");
            w.WriteString("queryName", queryName);
            if (subscriptionId is not null)
            {
                w.WriteString("subscriptionID", subscriptionId);
            }

            w.WriteStartObject("resultsBody");
            w.WriteStartArray("eventList");
            foreach (var e in events)
            {
                w.WriteRawValue(e, skipInputValidation: true);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
