using System.Text.Json.Nodes;
using EsgTrace.Lineage;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.Lineage;

/// <summary>PROV-JSON and OpenLineage exports: every relation points at declared nodes, every input is used and derived from.</summary>
public sealed class LineageExportTests
{
    private static readonly LineageRecord Record = new(
        "product demo-tee footprint", "footprint/1.2.0", ["esgtrace-starter@2026.1"],
        [new("lot", "F-1", new string('a', 64)), new("shipment", "S-1", new string('b', 64))],
        new string('c', 64), new string('d', 64));

    [Fact]
    public void Prov_DeclaresEveryNodeThatARelationNames()
    {
        var steps = new[] { new ProvJson.Step("verified", "marketing", Instant.FromUtc(2026, 5, 1, 8, 0), Record.RootSha256), new ProvJson.Step("approved", "auditor", Instant.FromUtc(2026, 5, 2, 8, 0), null) };

        var doc = ProvJson.Document([Record], "esg:claim/c1", steps);

        var nodes = new[] { "entity", "activity", "agent" }.SelectMany(k => doc[k]!.AsObject().Select(p => p.Key)).ToHashSet();
        foreach (var relation in new[] { "used", "wasGeneratedBy", "wasDerivedFrom", "wasAttributedTo", "wasAssociatedWith" })
        {
            foreach (var (_, value) in doc[relation]!.AsObject())
            {
                foreach (var (role, reference) in value!.AsObject())
                {
                    Assert.True(nodes.Contains(reference!.GetValue<string>()), $"{relation}.{role} names undeclared '{reference}'");
                }
            }
        }

        // 2 inputs + 1 dataset used by the calculation, 1 result used by the verification
        Assert.Equal(4, doc["used"]!.AsObject().Count);
        // the result from each input, the claim from the result the verification saw
        Assert.Equal(3, doc["wasDerivedFrom"]!.AsObject().Count);
        Assert.Contains(doc["wasAttributedTo"]!.AsObject(), r => r.Value!["prov:agent"]!.GetValue<string>() == "esg:user/auditor");
        Assert.Equal("prov:SoftwareAgent", doc["agent"]!["esg:software/footprint_1.2.0"]!["prov:type"]!.GetValue<string>());
        Assert.Equal(new string('a', 64), doc["entity"]!["esg:lot/F-1@aaaaaaaaaaaaaaaa"]!["esg:sha256"]!.GetValue<string>());
    }

    [Fact]
    public void OpenLineage_IsACompleteRunEventWithHashedInputsAndAStableRunId()
    {
        var events = OpenLineageEvents.Events([Record], Instant.FromUtc(2026, 11, 23, 12, 0));
        var again = OpenLineageEvents.Events([Record], Instant.FromUtc(2026, 11, 24, 12, 0));
        var e = events.Single()!;

        Assert.Equal("COMPLETE", e["eventType"]!.GetValue<string>());
        Assert.Equal("2026-11-23T12:00:00Z", e["eventTime"]!.GetValue<string>());
        Assert.Equal(OpenLineageEvents.SchemaUrl, e["schemaURL"]!.GetValue<string>());
        Assert.Equal(again[0]!["run"]!["runId"]!.GetValue<string>(), e["run"]!["runId"]!.GetValue<string>());
        var runId = Guid.Parse(e["run"]!["runId"]!.GetValue<string>());
        Assert.Equal(8, runId.Version);
        Assert.Equal(["lot/F-1", "shipment/S-1", "factor-dataset/esgtrace-starter@2026.1"], e["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        var facet = e["inputs"]![0]!["facets"]!["esgtrace_contentHash"]!;
        Assert.Equal(new string('a', 64), facet["sha256"]!.GetValue<string>());
        Assert.NotNull(facet["_producer"]);
        Assert.NotNull(facet["_schemaURL"]);
        Assert.Equal("product demo-tee footprint", e["outputs"]![0]!["name"]!.GetValue<string>());
    }
}
