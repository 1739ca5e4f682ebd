using System.Text.Json.Nodes;
using NodaTime;

namespace EsgTrace.Pact;

/// <summary>The CloudEvents (structured mode, specversion 1.0) we send on PACT v3 Action Events.</summary>
public static class PactEventJson
{
    public static string RequestCreated(string id, string source, Instant time, JsonObject criteria, string? comment)
    {
        var data = (JsonObject)criteria.DeepClone();
        if (comment is not null)
        {
            data["comment"] = comment;
        }

        return Event(PactV3.RequestCreated, id, source, time, data);
    }

    public static string Fulfilled(string id, string source, Instant time, string requestEventId, IEnumerable<string> footprints)
        => Event(PactV3.RequestFulfilled, id, source, time, new JsonObject
        {
            ["requestEventId"] = requestEventId,
            ["pfs"] = new JsonArray([.. footprints.Select(f => JsonNode.Parse(f))]),
        });

    public static string Rejected(string id, string source, Instant time, string requestEventId, string code, string message)
        => Event(PactV3.RequestRejected, id, source, time, new JsonObject
        {
            ["requestEventId"] = requestEventId,
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        });

    public static string Published(string id, string source, Instant time, IEnumerable<string> footprintIds)
        => Event(PactV3.Published, id, source, time, new JsonObject { ["pfIds"] = new JsonArray([.. footprintIds.Select(f => (JsonNode)f!)]) });

    private static string Event(string type, string id, string source, Instant time, JsonObject data)
        => new JsonObject
        {
            ["type"] = type,
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["time"] = PactFootprintBuilder.Utc(time),
            ["data"] = data,
        }.ToJsonString();
}
