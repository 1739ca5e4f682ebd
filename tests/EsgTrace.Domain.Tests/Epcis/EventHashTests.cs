using EsgTrace.Gs1;
using System.Text.Json;
using EsgTrace.Epcis;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Domain.Tests.Epcis;

/// <summary>
/// The CBV 2.0 event hash against known answers: the reference implementation's (tests/data/epcis/event-hash, see its
/// PROVENANCE.md) and our own documents, one per canonicalisation rule, with pre-hash strings written by hand
/// (tests/data/epcis/hash-rules, see its README.md): every event's pre-hash string and hash ID must match exactly.
/// </summary>
public sealed class EventHashTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "event-hash", "hash-rules" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Data, folder), "*.jsonld").Order(StringComparer.Ordinal))
            {
                data.Add(folder + "/" + Path.GetFileNameWithoutExtension(file));
            }
        }

        return data;
    }

    private static string Data => Path.Combine(RepositoryRoot.Path, "tests", "data", "epcis");

    [Theory]
    [MemberData(nameof(Documents))]
    public void HashIds_MatchTheReferenceImplementation(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Data, name + ".jsonld")));
        var prefixes = EventHash.Prefixes(doc.RootElement);
        var events = doc.RootElement.GetProperty("epcisBody").GetProperty("eventList").EnumerateArray().ToList();
        var expectedHashes = Lines(name + ".hashes");
        var prehashPath = Path.Combine(Data, name + ".prehashes");
        var expectedPre = File.Exists(prehashPath) ? Lines(name + ".prehashes") : null;

        Assert.Equal(expectedHashes.Count, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (expectedPre is not null)
            {
                Assert.Equal(expectedPre[i], EventHash.PreHash(events[i], prefixes));
            }

            Assert.Equal(expectedHashes[i], EventHash.Id(events[i], prefixes));
        }
    }

    [Fact]
    public void HashRuleDocuments_AreValidEpcisDocuments()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Data, "hash-rules"), "*.jsonld"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var read = EpcisDocumentReader.Read(doc.RootElement);
            Assert.True(read.IsValid, Path.GetFileName(file) + ": " + string.Join("; ", read.Problems.Select(p => p.Detail)));
        }
    }

    [Theory]
    [InlineData("urn:epc:id:sgtin:0614141.107340.1", "https://id.gs1.org/01/10614141073402/21/1")]
    [InlineData("urn:epc:id:sscc:4012345.0000000333", "https://id.gs1.org/00/040123450000003338")]
    [InlineData("urn:epc:id:sgln:4012345.00000.5", "https://id.gs1.org/414/4012345000009/254/5")]
    [InlineData("urn:epc:class:lgtin:4012345.099988.2014-02-10", "https://id.gs1.org/01/04012345999884/10/2014-02-10")]
    [InlineData("https://id.gs1.de/01/04012345999990/21/XYZ-1234", "https://id.gs1.org/01/04012345999990/21/XYZ-1234")]
    public void Identifiers_BecomeCanonicalDigitalLinks(string value, string expected) => Assert.Equal(expected, EventHash.Identifier(value));

    private static List<string> Lines(string file)
        => File.ReadAllLines(Path.Combine(Data, file)).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
}
