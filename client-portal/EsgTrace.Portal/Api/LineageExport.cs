using System.Text.Json.Nodes;
using EsgTrace.Analysis;
using EsgTrace.Lineage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace EsgTrace.Portal.Api;

/// <summary>Serves an analysis's lineage as our JSON, W3C PROV-JSON (?format=prov) or OpenLineage run events (?format=openlineage).</summary>
public static class LineageExport
{
    public static readonly string[] Formats = ["json", "prov", "openlineage"];

    public static IReadOnlyList<LineageRecord> Records(ProductAnalysis a) => a.FootprintLineage is { } f ? [f, a.TraceabilityLineage] : [a.TraceabilityLineage];

    /// <summary>The document in the asked format, or null for our own JSON (the caller's default shape).</summary>
    public static IResult? Render(string? format, string fileStem, IReadOnlyList<LineageRecord> records, Instant now, string? subjectEntity = null, IReadOnlyList<ProvJson.Step>? steps = null)
        => (format ?? "json").ToLowerInvariant() switch
        {
            "prov" => Download(ProvJson.Document(records, subjectEntity, steps), $"{fileStem}.prov.json", "application/json"),
            "openlineage" => Download(OpenLineageEvents.Events(records, now), $"{fileStem}.openlineage.json", "application/json"),
            _ => null,
        };

    public static bool IsKnown(string? format) => format is null || Formats.Contains(format.ToLowerInvariant());

    public static ProblemHttpResult UnknownFormat() => ProblemResults.Invalid("format", "'format' is json (default), prov (W3C PROV-JSON) or openlineage (OpenLineage run events).");

    private static FileContentHttpResult Download(JsonNode node, string name, string type)
        => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })), type, name);
}
