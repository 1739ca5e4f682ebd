using System.Text;
using System.Text.Json;
using EsgTrace.Epcis;
using EsgTrace.Epcis.Xml;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Domain.Tests.Epcis.Xml;

/// <summary>
/// GS1's XML/WithEventHashID examples (tests/data/epcis/xml/doctype/event_with_identical_hash_id_1..6.xml): one base
/// ObjectEvent and five variants of it, each file's comment saying which: the EPCs shuffled (3), the quantity list
/// shuffled (4), another prefix for the extension namespace (5), an extension value typed xsd:string explicitly (6) are
/// respellings, so under the CBV 2.0 canonicalisation they have the base's pre-hash string and hash. File 2 ("different
/// time zone but exactly identical event") writes the same instant at -05:00 with eventTimeZoneOffset -05:00 instead of
/// -06:00: the CBV 2.0 rules and the reference implementation put eventTimeZoneOffset in the pre-hash string (see
/// ../shared/reference/epcis/event-hash/*.prehashes), so its hash differs, and only by that field.
/// </summary>
public sealed class IdenticalHashXmlTests
{
    private static string Folder => Path.Combine(RepositoryRoot.Path, "tests", "data", "epcis", "xml", "doctype");

    [Fact]
    public void RespellingsOfOneEventInXml_HaveOneCbvHash_AndAnotherTimeZoneOffsetChangesOnlyThatField()
    {
        var preHashes = new[] { 1, 3, 4, 5, 6 }.Select(i => PreHashOf($"event_with_identical_hash_id_{i}.xml")).ToList();

        Assert.All(preHashes, p => Assert.Equal(preHashes[0], p));
        Assert.Single(preHashes.Select(EventHash.IdOf).Distinct(StringComparer.Ordinal));

        var otherZone = PreHashOf("event_with_identical_hash_id_2.xml");
        Assert.Equal(preHashes[0].Replace("eventTimeZoneOffset=-06:00", "eventTimeZoneOffset=-05:00", StringComparison.Ordinal), otherZone);
        Assert.NotEqual(EventHash.IdOf(preHashes[0]), EventHash.IdOf(otherZone));

        // The pre-hash string carries what the base event says (not an empty or truncated canonical form).
        Assert.StartsWith("eventType=ObjectEvent", preHashes[0], StringComparison.Ordinal);
        foreach (var part in new[] { "eventTime=2005-04-05T02:33:31.116Z", "https://id.gs1.org/01/10614141073464/21/2016", "https://id.gs1.org/01/10614141073464/21/2018", "action=ADD", "bizStep=https://ref.gs1.org/cbv/BizStep-receiving", "http://example.com/ext1" })
        {
            Assert.Contains(part, preHashes[0], StringComparison.Ordinal);
        }
    }

    private static string PreHashOf(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file)).Replace("<!DOCTYPE project>", string.Empty, StringComparison.Ordinal);
        var read = EpcisXmlReader.Read(Encoding.UTF8.GetBytes(text), 10_000_000);
        Assert.True(read.IsValid, file + ": " + string.Join("; ", read.Problems.Select(p => p.Detail)));
        using var json = JsonDocument.Parse(read.Json!);
        var events = EpcisDocumentReader.Read(json.RootElement);
        Assert.True(events.IsValid, file + ": " + string.Join("; ", events.Problems.Select(p => p.Detail)));
        var e = Assert.Single(events.Events);
        return EventHash.PreHash(e.Json, EventHash.Prefixes(json.RootElement));
    }
}
