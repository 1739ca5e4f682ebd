using System.Text.Json;

namespace EsgTrace.Pact;

/// <summary>A CloudEvent received on /3/events, checked: its type, id, source, time (if given) and data object.</summary>
public sealed record PactIncomingEvent(string Type, string Id, string Source, DateTimeOffset? Time, JsonElement Data);

/// <summary>
/// Reads a structured-mode CloudEvent of PACT v3 Action Events and checks what the specification requires of each type:
/// RequestCreated (criteria, see <see cref="PactFootprintCriteria.FromEventData"/>), RequestFulfilled (requestEventId and
/// a non-empty pfs of ProductFootprints with UUID ids), RequestRejected (requestEventId and an Error with code and
/// message), Published (a non-empty pfIds of strings). type, id, source and data are required; specversion and time are
/// checked when present ("1.0"; an RFC 3339 date-time) but not required, because the conformance suite's own case 14.A
/// sends a RequestCreated without specversion and expects it accepted.
/// </summary>
public static class PactEventReader
{
    public static readonly string[] Types = [PactV3.RequestCreated, PactV3.RequestFulfilled, PactV3.RequestRejected, PactV3.Published];

    /// <summary>The event, or (code, message) of the PACT error to answer.</summary>
    public static (PactIncomingEvent? Event, string? Code, string? Problem) Read(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return Bad("The body must be a CloudEvent: a JSON object.");
        }

        string? Str(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Str("type") is not { } type)
        {
            return Bad("A CloudEvent needs a string 'type'.");
        }

        if (Str("id") is not { Length: > 0 } id || Str("source") is not { Length: > 0 } source)
        {
            return Bad("A CloudEvent needs a non-empty string 'id' and 'source'.");
        }

        if (e.TryGetProperty("specversion", out var sv) && (sv.ValueKind != JsonValueKind.String || sv.GetString() != "1.0"))
        {
            return Bad("'specversion' must be \"1.0\".");
        }

        DateTimeOffset? time = null;
        if (e.TryGetProperty("time", out var t))
        {
            if (t.ValueKind != JsonValueKind.String || !PactFootprintCriteria.TryTime(t.GetString(), out var at))
            {
                return Bad("'time' must be an RFC 3339 date-time, e.g. 2025-03-05T17:31:00Z.");
            }

            time = at;
        }

        if (!e.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return Bad("A PACT event needs a 'data' object.");
        }

        if (!Types.Contains(type))
        {
            return (null, "NotImplemented", $"Event type '{type}' is not handled here; /3/events takes {string.Join(", ", Types)}.");
        }

        var problem = type switch
        {
            PactV3.RequestCreated => PactFootprintCriteria.FromEventData(data).Problem,
            PactV3.RequestFulfilled => Fulfilled(data),
            PactV3.RequestRejected => Rejected(data),
            _ => Published(data),
        };
        return problem is null ? (new PactIncomingEvent(type, id, source, time, data.Clone()), null, null) : Bad(problem);
    }

    /// <summary>The footprint ids of a Fulfilled event's pfs.</summary>
    public static IReadOnlyList<string> FulfilledIds(JsonElement data)
        => [.. data.GetProperty("pfs").EnumerateArray().Select(pf => pf.GetProperty("id").GetString()!)];

    private static string? Fulfilled(JsonElement data)
    {
        if (!RequestEventId(data))
        {
            return "data.requestEventId must be the id of the RequestCreated event answered.";
        }

        if (!data.TryGetProperty("pfs", out var pfs) || pfs.ValueKind != JsonValueKind.Array || pfs.GetArrayLength() == 0)
        {
            return "data.pfs must be a non-empty list of ProductFootprints (no footprint is answered with a RequestRejected event).";
        }

        return pfs.EnumerateArray().Any(pf => pf.ValueKind != JsonValueKind.Object || !pf.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !Guid.TryParseExact(id.GetString(), "D", out _))
            ? "data.pfs: every ProductFootprint needs its UUID 'id'."
            : null;
    }

    private static string? Rejected(JsonElement data)
    {
        if (!RequestEventId(data))
        {
            return "data.requestEventId must be the id of the RequestCreated event answered.";
        }

        return !data.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String
            || !error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String
            ? "data.error must be an Error object with string 'code' and 'message'."
            : null;
    }

    private static string? Published(JsonElement data)
        => !data.TryGetProperty("pfIds", out var ids) || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() == 0 || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String || i.GetString()!.Length == 0)
            ? "data.pfIds must be a non-empty list of ProductFootprint ids."
            : null;

    private static bool RequestEventId(JsonElement data)
        => data.TryGetProperty("requestEventId", out var r) && r.ValueKind == JsonValueKind.String && r.GetString()!.Length > 0;

    private static (PactIncomingEvent?, string?, string?) Bad(string message) => (null, "BadRequest", message);
}
