using EsgTrace.Epcis;
using Xunit;

namespace EsgTrace.Domain.Tests.Epcis;

/// <summary>
/// The REST binding's list syntax (a|b, and a,b) for every list-valued parameter, values canonicalised as stored terms
/// are, and a QueryParameterException naming any parameter or value we do not implement, never a silently empty answer.
/// </summary>
public sealed class EpcisQueryParserTests
{
    private const string Shipping = "https://ref.gs1.org/cbv/BizStep-shipping";
    private const string Receiving = "https://ref.gs1.org/cbv/BizStep-receiving";

    private static EpcisQuery Parsed(params (string Name, string Value)[] parameters)
    {
        var (query, problem) = EpcisQueryParser.Parse(parameters.Select(p => KeyValuePair.Create(p.Name, new string?[] { p.Value })));
        Assert.Null(problem);
        return query!;
    }

    private static EpcisProblem Refused(params (string Name, string Value)[] parameters)
    {
        var (query, problem) = EpcisQueryParser.Parse(parameters.Select(p => KeyValuePair.Create(p.Name, new string?[] { p.Value })));
        Assert.Null(query);
        Assert.Equal(EpcisProblem.QueryParameter, problem!.Type);
        return problem;
    }

    [Theory]
    [InlineData("ObjectEvent|AggregationEvent")]
    [InlineData("ObjectEvent,AggregationEvent")]
    [InlineData(" ObjectEvent | AggregationEvent ")]
    public void EventType_PipeOrComma_IsAList(string value)
        => Assert.Equal(["ObjectEvent", "AggregationEvent"], Parsed(("eventType", value)).EventTypes);

    [Theory]
    [InlineData("shipping|receiving")]
    [InlineData("shipping,receiving")]
    [InlineData("urn:epcglobal:cbv:bizstep:shipping|https://ref.gs1.org/cbv/BizStep-receiving")]
    public void BizStep_List_BareWordsMeetTheirWebUris(string value)
        => Assert.Equal([Shipping, Receiving], Parsed(("EQ_bizStep", value)).BizSteps);

    [Fact]
    public void Disposition_List_IsCanonical()
        => Assert.Equal(["https://ref.gs1.org/cbv/Disp-in_transit", "https://ref.gs1.org/cbv/Disp-active"], Parsed(("EQ_disposition", "in_transit|active")).Dispositions);

    [Theory]
    [InlineData('|')]
    [InlineData(',')]
    public void EveryIdentifierParameter_TakesEitherSeparator_AndCanonicalisesEachValue(char separator)
    {
        const string urn = "urn:epc:id:sgtin:4012345.011111.7";
        const string link = "https://id.gs1.org/01/04012345111118/21/7";
        const string other = "https://id.gs1.org/01/04012345111118/21/8";
        var value = $"{urn}{separator}{other}";
        var q = Parsed(("MATCH_epc", value), ("MATCH_anyEPC", value), ("MATCH_parentID", value), ("MATCH_inputEPC", value),
            ("MATCH_outputEPC", value), ("MATCH_epcClass", value), ("MATCH_anyEPCClass", value), ("EQ_bizLocation", value), ("EQ_readPoint", value));

        foreach (var list in new[] { q.MatchEpc, q.MatchAnyEpc, q.MatchParentId, q.MatchInputEpc, q.MatchOutputEpc, q.MatchEpcClass, q.MatchAnyEpcClass, q.BizLocations, q.ReadPoints })
        {
            Assert.Equal([link, other], list);
        }
    }

    [Fact]
    public void EventId_PipeList_AndRepeatsUnite()
    {
        var (query, _) = EpcisQueryParser.Parse([KeyValuePair.Create("eventID", new string?[] { "urn:uuid:a|urn:uuid:b", "urn:uuid:c" })]);
        Assert.Equal(["urn:uuid:a", "urn:uuid:b", "urn:uuid:c"], query!.EventIds);
    }

    [Fact]
    public void ExistsErrorDeclaration_WithoutValue_MeansTrue()
        => Assert.True(Parsed(("EXISTS_errorDeclaration", string.Empty)).ExistsErrorDeclaration);

    [Theory]
    [InlineData("EQ_quantity", "5")]
    [InlineData("GE_quantity", "5")]
    [InlineData("EQ_ILMD_bestBeforeDate", "2026-01-01")]
    [InlineData("EXISTS_sensorElementList", "")]
    [InlineData("HASATTR_bizLocation", "x")]
    [InlineData("EQATTR_bizStep_owner", "x")]
    [InlineData("orderBy", "eventTime")]
    [InlineData("EQ_action", "ADD")]
    [InlineData("MATCH_inputEPCClass", "x")]
    public void StandardParameterWeDoNotImplement_IsRefusedByName(string name, string value)
    {
        var problem = Refused((name, value));
        Assert.StartsWith($"'{name}' is a standard EPCIS 2.0 query parameter", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownParameter_IsRefusedByName()
        => Assert.StartsWith("'EQ_colour' is not a supported", Refused(("EQ_colour", "red")).Detail, StringComparison.Ordinal);

    [Theory]
    [InlineData("eventType", "ObjectEvent|TeleportEvent", "TeleportEvent")]
    [InlineData("EQ_bizStep", "shipping||receiving", "EQ_bizStep")]
    [InlineData("MATCH_epc", "", "MATCH_epc")]
    [InlineData("MATCH_epc", "a|", "MATCH_epc")]
    [InlineData("GE_eventTime", "", "GE_eventTime")]
    [InlineData("GE_eventTime", "2026-01-01T00:00:00Z|2026-02-01T00:00:00Z", "GE_eventTime")]
    [InlineData("perPage", "10|20", "perPage")]
    public void BadListOrValue_IsRefused_NamingIt(string name, string value, string named)
        => Assert.Contains(named, Refused((name, value)).Detail, StringComparison.Ordinal);
}
