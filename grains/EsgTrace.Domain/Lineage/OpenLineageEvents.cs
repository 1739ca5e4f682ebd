using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Lineage;

/// <summary>
/// Writes lineage records as OpenLineage run events (spec 2-0-2, https://openlineage.io/spec/2-0-2/OpenLineage.json):
/// one COMPLETE event per calculation; the job is the calculator, inputs are the records used (with their content hash
/// as a custom dataset facet) and factor datasets, the output is the result. The run id is a UUID derived from the
/// lineage root hash, so the same lineage gives the same run.
/// </summary>
public static class OpenLineageEvents
{
    public const string Producer = "https://esgtrace.org/producer/esgtrace";
    public const string SchemaUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent";
    public const string HashFacetSchema = "https://esgtrace.org/spec/facets/ContentHashDatasetFacet.json";
    public const string Namespace = "esgtrace";

    public static JsonArray Events(IReadOnlyList<LineageRecord> records, Instant eventTime)
    {
        var events = new JsonArray();
        foreach (var record in records)
        {
            var inputs = new JsonArray();
            foreach (var input in record.Inputs)
            {
                inputs.Add(Dataset($"{input.Kind}/{input.Id}", input.Sha256));
            }

            foreach (var dataset in record.Datasets)
            {
                inputs.Add(Dataset("factor-dataset/" + dataset, null));
            }

            events.Add(new JsonObject
            {
                ["eventType"] = "COMPLETE",
                ["eventTime"] = InstantPattern.ExtendedIso.Format(eventTime),
                ["run"] = new JsonObject { ["runId"] = RunId(record.RootSha256).ToString() },
                ["job"] = new JsonObject { ["namespace"] = Namespace, ["name"] = record.Calculator },
                ["inputs"] = inputs,
                ["outputs"] = new JsonArray { Dataset(record.Subject, record.ResultSha256, record.RootSha256) },
                ["producer"] = Producer,
                ["schemaURL"] = SchemaUrl,
            });
        }

        return events;
    }

    /// <summary>A UUID (version 8, RFC 9562 custom) made from the first 16 bytes of SHA-256 over the root hash.</summary>
    public static Guid RunId(string rootSha256)
    {
        var bytes = SHA256.HashData(Encoding.ASCII.GetBytes("esgtrace-run|" + rootSha256))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static JsonObject Dataset(string name, string? sha256, string? lineageRoot = null)
    {
        var dataset = new JsonObject { ["namespace"] = Namespace, ["name"] = name };
        if (sha256 is not null)
        {
            var facet = new JsonObject { ["_producer"] = Producer, ["_schemaURL"] = HashFacetSchema, ["sha256"] = sha256 };
            if (lineageRoot is not null)
            {
                facet["lineageRootSha256"] = lineageRoot;
            }

            dataset["facets"] = new JsonObject { ["esgtrace_contentHash"] = facet };
        }

        return dataset;
    }
}
