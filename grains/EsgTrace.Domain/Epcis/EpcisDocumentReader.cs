using System.Globalization;
using System.Text.Json;
using EsgTrace.Epcis.Hashing;
using EsgTrace.Epcis.Schema;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>One event of a captured document: its id (sent, or the CBV 2.0 hash when absent), type, time and JSON.</summary>
public sealed record EpcisEventIn(int Index, string EventId, bool IdComputed, string Type, Instant EventTime, JsonElement Json)
{
    public bool DeclaresError => Json.TryGetProperty("errorDeclaration", out _);
}

/// <summary>A document read for capture: its events, the namespace prefixes it declares, or why it is refused.</summary>
public sealed record EpcisDocumentRead(IReadOnlyList<EpcisEventIn> Events, IReadOnlyDictionary<string, string> Context, IReadOnlyList<EpcisProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Reads an EPCISDocument (or an EPCISQueryDocument, whose results may be captured too): validates it against the GS1
/// schema, then checks what the schema cannot (event count, conflicting duplicates), and gives every event its id.
/// </summary>
public static class EpcisDocumentReader
{
    /// <summary>Events per capture; larger documents are refused (advertised as GS1-EPCIS-Capture-Limit).</summary>
    public const int CaptureLimit = 10_000;

    public static EpcisDocumentRead Read(JsonElement root, bool validateSchema = true)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Refused(EpcisProblem.Invalid("The body must be a JSON object: an EPCISDocument."));
        }

        var schemaErrors = validateSchema ? EpcisSchema.Validate(root, 20) : [];
        if (schemaErrors.Count > 0)
        {
            return new EpcisDocumentRead([], new Dictionary<string, string>(), schemaErrors.Select(ToProblem).ToList());
        }

        var type = root.GetProperty("type").GetString();
        JsonElement list;
        if (type == "EPCISDocument")
        {
            list = root.GetProperty("epcisBody").GetProperty("eventList");
        }
        else if (type == "EPCISQueryDocument" && root.TryGetProperty("epcisBody", out var body) && body.TryGetProperty("queryResults", out var results)
                 && results.TryGetProperty("resultsBody", out var resultsBody) && resultsBody.TryGetProperty("eventList", out var queryList))
        {
            list = queryList;
        }
        else
        {
            return Refused(EpcisProblem.Invalid($"'{type}' cannot be captured: send an EPCISDocument (or an EPCISQueryDocument with results).", "/type"));
        }

        var count = list.GetArrayLength();
        if (count > CaptureLimit)
        {
            return Refused(new EpcisProblem(EpcisProblem.CaptureLimitExceeded, "Too many events.", $"The document holds {count} events; at most {CaptureLimit} are captured at once. Split it.", "/epcisBody/eventList", 413));
        }

        var prefixes = EventHash.Prefixes(root);
        // The prefixes the document adds to (or changes in) the standard context: stored with its events, so a stored event
        // is read (hashed, compared, returned) with the namespaces it was sent with.
        var context = prefixes.Where(p => !(JsonLdScope.StandardPrefixes.TryGetValue(p.Key, out var standard) && standard == p.Value))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var events = new List<EpcisEventIn>(count);
        var problems = new List<EpcisProblem>();
        var byId = new Dictionary<string, EpcisEventIn>(StringComparer.Ordinal);
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            var sent = EpcisTerms.Text(e, "eventID");
            var id = sent ?? EventHash.Id(e, prefixes);
            var time = Instant.FromDateTimeOffset(DateTimeOffset.Parse(e.GetProperty("eventTime").GetString()!, CultureInfo.InvariantCulture));
            var item = new EpcisEventIn(i, id, sent is null, e.GetProperty("type").GetString()!, time, e);
            if (byId.TryGetValue(id, out var twin))
            {
                if (twin.DeclaresError == item.DeclaresError && !EpcisEventJson.SameEvent(twin.Json, e, prefixes))
                {
                    problems.Add(EpcisProblem.Invalid($"Events {twin.Index} and {i} share the eventID '{id}' but differ.", $"/epcisBody/eventList/{i}/eventID"));
                }
            }
            else
            {
                byId[id] = item;
            }

            events.Add(item);
            i++;
        }

        return new EpcisDocumentRead(events, context, problems);
    }

    private static EpcisDocumentRead Refused(EpcisProblem problem) => new([], new Dictionary<string, string>(), [problem]);

    private static EpcisProblem ToProblem(SchemaError e) => EpcisProblem.Invalid($"{(e.Pointer.Length == 0 ? "The document" : e.Pointer)}: {e.Message}", e.Pointer);
}
