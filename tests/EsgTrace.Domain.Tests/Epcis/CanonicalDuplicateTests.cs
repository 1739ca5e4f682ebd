using System.Text.Json;
using EsgTrace.Epcis;
using Xunit;

namespace EsgTrace.Domain.Tests.Epcis;

/// <summary>Duplicates are found on the canonical event: the same event in another spelling is the same event.</summary>
public sealed class CanonicalDuplicateTests
{
    private const string Original = """
        {"eventID": "urn:uuid:7d1c7b3e-0f4e-4d56-9a55-6f0c2a4b2c11", "type": "ObjectEvent", "eventTime": "2024-05-01T14:00:00.000+01:00", "eventTimeZoneOffset": "+01:00",
         "epcList": ["urn:epc:id:sgtin:4012345.011111.9876", "urn:epc:id:sgtin:4012345.011111.5432"], "action": "OBSERVE", "bizStep": "shipping",
         "readPoint": {"id": "urn:epc:id:sgln:4012345.00005.0"}, "example:note": "fragile"}
        """;

    private const string Respelled = """
        {"@context": {"ex": "https://ns.example.com/epcis/"}, "ex:note": "fragile", "readPoint": {"id": "https://id.gs1.org/414/4012345000054"},
         "bizStep": "https://ref.gs1.org/cbv/BizStep-shipping", "action": "OBSERVE",
         "epcList": ["https://id.gs1.org/01/04012345111118/21/5432", "urn:epc:id:sgtin:4012345.011111.9876"],
         "eventTimeZoneOffset": "+01:00", "eventTime": "2024-05-01T14:00:00+01:00", "type": "ObjectEvent", "eventID": "urn:uuid:7d1c7b3e-0f4e-4d56-9a55-6f0c2a4b2c11"}
        """;

    private static readonly Dictionary<string, string> Example = new() { ["example"] = "https://ns.example.com/epcis/" };

    [Fact]
    public void Respelled_IsTheSameEvent()
    {
        using var a = JsonDocument.Parse(Original);
        using var b = JsonDocument.Parse(Respelled);
        Assert.True(EpcisEventJson.SameEvent(a.RootElement, Example, b.RootElement, new Dictionary<string, string>()));
    }

    [Fact]
    public void AnotherExtensionValue_IsAnotherEvent()
    {
        using var a = JsonDocument.Parse(Original);
        using var b = JsonDocument.Parse(Respelled.Replace("\"fragile\"", "\"sturdy\"", StringComparison.Ordinal));
        Assert.False(EpcisEventJson.SameEvent(a.RootElement, Example, b.RootElement, new Dictionary<string, string>()));
    }

    [Fact]
    public void ADocumentRepeatingAnEventRespelled_IsValid_AndDifferentContentUnderOneIdIsRefused()
    {
        var same = Document(Original, Respelled);
        var read = EpcisDocumentReader.Read(same.RootElement);
        Assert.True(read.IsValid, string.Join("; ", read.Problems.Select(p => p.Detail)));
        Assert.Equal(2, read.Events.Count);

        var differ = Document(Original, Respelled.Replace("14:00:00+01:00", "14:00:01+01:00", StringComparison.Ordinal));
        var refused = EpcisDocumentReader.Read(differ.RootElement);
        Assert.Contains(refused.Problems, p => p.Detail.Contains("share the eventID", StringComparison.Ordinal));
    }

    [Fact]
    public void EventsThatDifferOnlyInAnEventLevelContextExtension_GetTwoIds()
    {
        const string a = """{"@context": {"ex": "https://ns.example.com/epcis/"}, "type": "ObjectEvent", "eventTime": "2024-05-01T14:00:00Z", "eventTimeZoneOffset": "+00:00", "epcList": ["urn:epc:id:sgtin:4012345.011111.1"], "action": "OBSERVE", "ex:lane": "1"}""";
        var read = EpcisDocumentReader.Read(Document(a, a.Replace("\"ex:lane\": \"1\"", "\"ex:lane\": \"2\"", StringComparison.Ordinal)).RootElement);
        Assert.True(read.IsValid, string.Join("; ", read.Problems.Select(p => p.Detail)));
        Assert.NotEqual(read.Events[0].EventId, read.Events[1].EventId);
    }

    private static JsonDocument Document(params string[] events) => JsonDocument.Parse($$$"""
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"example": "https://ns.example.com/epcis/"}],
         "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T10:00:00.000Z",
         "epcisBody": {"eventList": [{{{string.Join(",", events)}}}]}}
        """);
}
