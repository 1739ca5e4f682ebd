using System.Text.Json;

namespace EsgTrace.Epcis.Query;

/// <summary>Walks an event's sensorElementList: each element, and (when asked) each of its sensorReport entries.</summary>
public static class SensorNodes
{
    /// <summary>(element, null) per sensor element; with <paramref name="reports"/>, (element, report) per report instead.</summary>
    public static IEnumerable<(JsonElement Element, JsonElement? Report)> Of(JsonElement e, bool reports)
    {
        if (!e.TryGetProperty("sensorElementList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var element in list.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object))
        {
            if (!reports)
            {
                yield return (element, null);
                continue;
            }

            if (element.TryGetProperty("sensorReport", out var rs) && rs.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in rs.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object))
                {
                    yield return (element, r);
                }
            }
        }
    }
}
