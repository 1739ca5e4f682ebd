using System.Text.Json;
using EsgTrace.Epcis;
using EsgTrace.Epcis.Query;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.Epcis;

/// <summary>The criteria on their own: EPC patterns against URN and Digital Link spellings, unit conversion, numbers as numbers and times as instants.</summary>
public sealed class EpcisCriteriaTests
{
    private static EpcPattern Pattern(string text) => EpcPattern.Parse(text).Pattern!;

    [Theory]
    [InlineData("urn:epc:idpat:sgtin:4012345.011111.*", "urn:epc:id:sgtin:4012345.011111.7", true)]
    [InlineData("urn:epc:idpat:sgtin:4012345.011111.*", "https://id.gs1.org/01/04012345111118/21/7", true)]
    [InlineData("urn:epc:idpat:sgtin:4012345.011111.*", "https://example.com/01/04012345111118/21/7?x=1", true)]
    [InlineData("urn:epc:idpat:sgtin:4012345.011111.*", "urn:epc:id:sgtin:4012345.022222.7", false)]
    [InlineData("urn:epc:idpat:sgtin:4012345.*.*", "https://id.gs1.org/01/04012345222227/21/x", true)]
    [InlineData("urn:epc:idpat:sgtin:4012345.*.*", "urn:epc:id:sgtin:4012346.011111.7", false)]
    [InlineData("urn:epc:idpat:sgtin:*.*.*", "urn:epc:id:sscc:4012345.0000000001", false)]
    [InlineData("urn:epc:idpat:sgtin:4012345.011111.7", "https://id.gs1.org/01/04012345111118/21/7", true)]
    [InlineData("urn:epc:idpat:sgtin:4012345.011111.7", "https://id.gs1.org/01/04012345111118/21/8", false)]
    [InlineData("urn:epc:idpat:sgtin:4012345.011111.*", "urn:epc:class:lgtin:4012345.011111.LOT1", true)]
    [InlineData("urn:epc:idpat:sgtin:4012345.011111.*", "https://id.gs1.org/01/04012345111118/10/LOT1", true)]
    [InlineData("urn:epc:idpat:sgtin:4012345.011111.*", "https://id.gs1.org/01/04012345111118", true)]
    [InlineData("urn:epc:idpat:sscc:4012345.*", "https://id.gs1.org/00/140123450000000013", true)]
    [InlineData("urn:epc:idpat:sscc:4012346.*", "https://id.gs1.org/00/140123450000000013", false)]
    [InlineData("urn:epc:idpat:sgln:4012345.00001.*", "urn:epc:id:sgln:4012345.00001.12", true)]
    [InlineData("urn:epc:idpat:sgln:4012345.00001.*", "https://id.gs1.org/414/4012345000016/254/12", true)]
    [InlineData("urn:epc:idpat:grai:4012345.00002.*", "urn:epc:id:grai:4012345.00002.abc", true)]
    [InlineData("urn:epc:idpat:giai:4012345.*", "https://id.gs1.org/8004/4012345ABC", true)]
    public void EpcPattern_MatchesEitherSpelling(string pattern, string value, bool expected)
        => Assert.Equal(expected, Pattern(pattern).Matches(value));

    [Theory]
    [InlineData(20, "CEL", "KEL", "293.15")]
    [InlineData(20, "CEL", "FAH", "68")]
    [InlineData(300, "KEL", "CEL", "26.85")]
    [InlineData(3, "TNE", "KGM", "3000")]
    [InlineData(1, "LBR", "GRM", "453.59237")]
    [InlineData(5, "P1", "P1", "5")]
    public void SensorUnits_ConvertWithinADimension(decimal value, string from, string to, string expected)
        => Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SensorUnits.Convert(value, from, to));

    [Theory]
    [InlineData("CEL", "KGM")]
    [InlineData("P1", "CEL")]
    [InlineData(null, "CEL")]
    public void SensorUnits_OfOtherDimensions_DoNotConvert(string? from, string to)
        => Assert.Null(SensorUnits.Convert(1, from, to));

    [Fact]
    public void QueryValue_ComparesNumbersAsNumbers_TimesAsInstants()
    {
        static JsonElement J(string json) => JsonDocument.Parse(json).RootElement;
        Assert.True(QueryValue.Of("9").CompareFrom(J("10")) > 0);
        Assert.True(QueryValue.Of("9").CompareFrom(J("\"10\"")) > 0); // "10" < "9" as strings, 10 > 9 as numbers
        Assert.Equal(0, QueryValue.Of("2026-01-01T01:00:00+01:00").CompareFrom(J("\"2026-01-01T00:00:00Z\"")));
        Assert.Null(QueryValue.Of("9").CompareFrom(J("\"nine\"")));
        Assert.Null(QueryValue.TimeOf("2026-01-01T00:00:00"));
        Assert.Null(QueryValue.TimeOf("2026-01-01"));
    }

    [Fact]
    public void ExtensionField_PrefixResolvedWithTheEventsOwnContext()
    {
        using var doc = JsonDocument.Parse("""{"@context":{"ex":"https://ns.example.com/epcis/"},"eventTime":"2026-01-01T00:00:00Z","ex:grade":"A"}""");
        var e = new EpcisEventView(doc.RootElement, Instant.FromUtc(2026, 1, 2, 0, 0), new Dictionary<string, string> { ["example"] = "https://ns.example.com/epcis/" });
        // "example:" is the document's prefix, "ex:" the event's own, for one namespace.
        var byDocumentPrefix = new ExtensionFieldCriterion(FieldScope.Event, false, ExtensionFieldName.Parse("example:grade")!, Comparison.Eq, [QueryValue.Of("A")]);
        var byNamespace = byDocumentPrefix with { Name = ExtensionFieldName.Parse("https://ns.example.com/epcis#grade")! };
        var other = byDocumentPrefix with { Name = ExtensionFieldName.Parse("https://ns.other.com/epcis#grade")! };
        Assert.True(byDocumentPrefix.Matches(e));
        Assert.True(byNamespace.Matches(e));
        Assert.False(other.Matches(e));
    }
}
