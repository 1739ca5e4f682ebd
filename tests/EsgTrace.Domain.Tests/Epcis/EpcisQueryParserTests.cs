using EsgTrace.Epcis;
using EsgTrace.Epcis.Query;
using Xunit;

namespace EsgTrace.Domain.Tests.Epcis;

/// <summary>
/// The parser's rules: every parameter family read into its criterion, the REST binding's list syntax (a|b, and a,b) for
/// every list-valued parameter, values canonicalised as stored terms are, the standard's combination rules, and a
/// QueryParameterException naming any parameter or value we do not implement, never a silently empty answer.
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

    private static T Single<T>(params (string Name, string Value)[] parameters)
        where T : EpcisCriterion
        => Assert.IsType<T>(Assert.Single(Parsed(parameters).Criteria));

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
        => Assert.Equal(["ObjectEvent", "AggregationEvent"], Single<EventTypeCriterion>(("eventType", value)).Types);

    [Theory]
    [InlineData("shipping|receiving")]
    [InlineData("shipping,receiving")]
    [InlineData("urn:epcglobal:cbv:bizstep:shipping|https://ref.gs1.org/cbv/BizStep-receiving")]
    public void BizStep_List_BareWordsMeetTheirWebUris(string value)
        => Assert.Equal([Shipping, Receiving], Single<StandardFieldCriterion>(("EQ_bizStep", value)).Values);

    /// <summary>Every list-valued family, in both syntaxes: two values give a criterion with two alternatives.</summary>
    [Theory]
    [InlineData("EQ_action", "ADD", "DELETE")]
    [InlineData("EQ_disposition", "in_transit", "active")]
    [InlineData("EQ_persistentDisposition_set", "completeness_verified", "active")]
    [InlineData("EQ_persistentDisposition_unset", "completeness_inferred", "active")]
    [InlineData("EQ_readPoint", "urn:epc:id:sgln:4012345.00001.0", "urn:epc:id:sgln:4012345.00002.0")]
    [InlineData("EQ_bizLocation", "urn:epc:id:sgln:4012345.00001.0", "urn:epc:id:sgln:4012345.00002.0")]
    [InlineData("EQ_transformationID", "https://example.com/t/1", "https://example.com/t/2")]
    [InlineData("EQ_eventID", "urn:uuid:a", "urn:uuid:b")]
    [InlineData("EQ_errorReason", "incorrect_data", "did_not_occur")]
    [InlineData("EQ_correctiveEventID", "urn:uuid:a", "urn:uuid:b")]
    [InlineData("MATCH_epc", "urn:epc:id:sgtin:4012345.011111.7", "urn:epc:idpat:sgtin:4012345.011111.*")]
    [InlineData("MATCH_anyEPCClass", "urn:epc:class:lgtin:4012345.011111.L1", "urn:epc:idpat:sgtin:4012345.*.*")]
    [InlineData("EQ_quantity", "5", "10.5")]
    [InlineData("EQ_quantity_KGM", "5", "10.5")]
    [InlineData("EQ_bizTransaction_po", "urn:epcglobal:cbv:bt:4012345000009:1", "urn:epcglobal:cbv:bt:4012345000009:2")]
    [InlineData("EQ_source_owning_party", "urn:epc:id:pgln:4012345.00001", "urn:epc:id:pgln:4012345.00002")]
    [InlineData("EQ_destination_location", "urn:epc:id:sgln:4012345.00001.0", "urn:epc:id:sgln:4012345.00002.0")]
    [InlineData("EQ_type", "Temperature", "gs1:RelativeHumidity")]
    [InlineData("EQ_deviceID", "urn:epc:id:giai:4012345.1", "urn:epc:id:giai:4012345.2")]
    [InlineData("EQ_stringValue", "red", "green")]
    [InlineData("EQ_value_CEL", "20", "21.5")]
    [InlineData("EQ_percRank", "50", "90")]
    [InlineData("EQ_example:grade", "A", "B")]
    [InlineData("EQ_ILMD_example:lot", "L1", "L2")]
    [InlineData("EQ_INNER_SENSORREPORT_example:probe", "P1", "P2")]
    public void ListValuedFamily_TakesPipeAndComma(string name, string a, string b)
    {
        foreach (var separator in new[] { "|", "," })
        {
            var criterion = Assert.Single(Parsed((name, a + separator + b)).Criteria);
            var count = criterion switch
            {
                StandardFieldCriterion f => f.Values.Count,
                EpcMatchCriterion m => m.Values.Count + m.Patterns.Count,
                QuantityCriterion q => q.Values.Count,
                TypedListCriterion t => t.Values.Count,
                SensorFieldCriterion s => s.Values.Count,
                ExtensionFieldCriterion x => x.Values.Count,
                _ => 0,
            };
            Assert.True(count == 2, $"{name} with '{separator}' gave {criterion}");
        }
    }

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
            ("MATCH_outputEPC", value), ("MATCH_epcClass", value), ("MATCH_anyEPCClass", value), ("MATCH_inputEPCClass", value), ("MATCH_outputEPCClass", value));

        Assert.Equal(9, q.Criteria.Count);
        foreach (var criterion in q.Criteria.Cast<EpcMatchCriterion>())
        {
            Assert.Equal([link, other], criterion.Values);
        }

        foreach (var name in new[] { "EQ_bizLocation", "EQ_readPoint" })
        {
            Assert.Equal([link, other], Single<StandardFieldCriterion>((name, value)).Values);
        }
    }

    [Fact]
    public void EventId_PipeList_AndRepeatsUnite()
    {
        var (query, _) = EpcisQueryParser.Parse([KeyValuePair.Create("eventID", new string?[] { "urn:uuid:a|urn:uuid:b", "urn:uuid:c" })]);
        Assert.Equal(["urn:uuid:a", "urn:uuid:b", "urn:uuid:c"], query!.EventIds);
    }

    [Fact]
    public void Exists_WithoutValue_AsksForTheField_False_AsksNothing()
    {
        Assert.Equal("errorDeclaration", Single<ExistsCriterion>(("EXISTS_errorDeclaration", string.Empty)).Field);
        Assert.Equal("sensorElementList", Single<ExistsCriterion>(("EXISTS_sensorElementList", "true")).Field);
        Assert.Empty(Parsed(("EXISTS_errorDeclaration", "false")).Criteria);
        Assert.Equal(Comparison.Exists, Single<ExtensionFieldCriterion>(("EXISTS_ILMD_example:lot", string.Empty)).Op);
    }

    [Theory]
    [InlineData("GE_eventTime", EventTimeField.EventTime, Comparison.Ge)]
    [InlineData("GT_eventTime", EventTimeField.EventTime, Comparison.Gt)]
    [InlineData("EQ_eventTime", EventTimeField.EventTime, Comparison.Eq)]
    [InlineData("LE_recordTime", EventTimeField.RecordTime, Comparison.Le)]
    [InlineData("LT_recordTime", EventTimeField.RecordTime, Comparison.Lt)]
    [InlineData("GE_errorDeclarationTime", EventTimeField.ErrorDeclarationTime, Comparison.Ge)]
    public void Times_AreInstants_WithTheirComparison(string name, EventTimeField field, Comparison op)
    {
        var t = Single<TimeCriterion>((name, "2026-01-31T02:00:00+02:00"));
        Assert.Equal((field, op), (t.Field, t.Op));
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 1, 31, 0, 0), t.Value);
    }

    [Fact]
    public void ExtensionFieldNames_InEveryPlace_AndBothForms()
    {
        var ilmd = Single<ExtensionFieldCriterion>(("EQ_INNER_ILMD_https://ns.example.com/epcis/#farm", "north"));
        Assert.Equal((FieldScope.Ilmd, true, "{https://ns.example.com/epcis}farm"), (ilmd.Scope, ilmd.Inner, ilmd.Name.Qualified));
        // The XML spelling of the same namespace (no trailing '/') names the same field.
        Assert.Equal("{https://ns.example.com/epcis}farm", Single<ExtensionFieldCriterion>(("GE_https://ns.example.com/epcis#farm", "5")).Name.Qualified);
        var curie = Single<ExtensionFieldCriterion>(("LT_SENSORMETADATA_example:battery", "20"));
        Assert.Equal((FieldScope.SensorMetadata, false, (string?)null, 20m), (curie.Scope, curie.Inner, curie.Name.Qualified, curie.Values[0].Number));
        Assert.Equal(FieldScope.ErrorDeclaration, Single<ExtensionFieldCriterion>(("EQ_ERROR_DECLARATION_example:by", "x")).Scope);
        Assert.Equal(FieldScope.ReadPoint, Single<ExtensionFieldCriterion>(("EQ_readPoint_example:room", "x")).Scope);
        Assert.Equal(FieldScope.SensorElement, Single<ExtensionFieldCriterion>(("EXISTS_SENSORELEMENT_example:x", "")).Scope);
    }

    [Fact]
    public void SensorAndQuantityUnits_AreReadFromTheName()
    {
        var value = Single<SensorFieldCriterion>(("GE_value_KEL", "293"));
        Assert.Equal((SensorField.Value, Comparison.Ge, "KEL", 293m), (value.Field, value.Op, value.Uom, value.Values[0].Number));
        Assert.Equal((SensorField.SDev, (string?)null), Single<SensorFieldCriterion>(("LT_sDev", "0.5")) is var s ? (s.Field, s.Uom) : default);
        Assert.Equal("https://gs1.org/voc/Temperature", Single<SensorFieldCriterion>(("EQ_type", "Temperature")).Values[0].Text);
        var quantity = Single<QuantityCriterion>(("LE_quantity_TNE", "2.5"));
        Assert.Equal((Comparison.Le, "TNE", 2.5m), (quantity.Op, quantity.Uom, quantity.Values[0]));
        Assert.Equal("https://ref.gs1.org/cbv/BTT-po", Single<TypedListCriterion>(("EQ_bizTransaction_po", "urn:x:1")).Type);
    }

    [Fact]
    public void Order_DefaultsToDescending_AndLimitsAreKept()
    {
        var q = Parsed(("orderBy", "eventTime"), ("eventCountLimit", "3"));
        Assert.Equal(("eventTime", true, 3), (q.Order!.By, q.Order.Descending, q.EventCountLimit!.Value));
        var asc = Parsed(("orderBy", "example:rank"), ("orderDirection", "ASC"), ("maxEventCount", "10"));
        Assert.Equal((false, "example:rank", 10), (asc.Order!.Descending, asc.Order.Field!.Text, asc.MaxEventCount!.Value));
    }

    [Fact]
    public void MatchPatterns_AreParsed_ExactValuesStayIndexed()
    {
        var m = Single<EpcMatchCriterion>(("MATCH_epc", "urn:epc:idpat:sgtin:4012345.011111.*|urn:epc:id:sgtin:4012345.011111.7"));
        Assert.Equal(["4012345", "011111", "*"], Assert.Single(m.Patterns).Fields);
        Assert.Null(m.IndexTerms);
        Assert.Equal(EpcisTerms.Epc, Single<EpcMatchCriterion>(("MATCH_epc", "urn:epc:id:sgtin:4012345.011111.7")).IndexTerms!.Kind);
    }

    [Theory]
    [InlineData("WD_bizLocation", "urn:epc:id:sgln:4012345.00001.0|urn:epc:id:sgln:4012345.00002.0", MasterDataTest.WithDescendants, "bizLocation", null, 2)]
    [InlineData("WD_readPoint", "urn:epc:id:sgln:4012345.00001.0,urn:epc:id:sgln:4012345.00002.0", MasterDataTest.WithDescendants, "readPoint", null, 2)]
    [InlineData("HASATTR_bizLocation", "cbvmda:sst|cbvmda:latitude", MasterDataTest.HasAttribute, "bizLocation", null, 2)]
    [InlineData("EQATTR_bizStep_owner", "x", MasterDataTest.AttributeEquals, "bizStep", "owner", 1)]
    public void MasterDataParameters_BecomeMasterDataConditions_NotEventCriteria(string name, string value, MasterDataTest test, string field, string? attribute, int values)
    {
        var q = Parsed((name, value));

        var condition = Assert.Single(q.MasterData);
        Assert.Equal(test, condition.Test);
        Assert.Equal(field, condition.Field);
        if (attribute is null)
        {
            Assert.Null(condition.Attribute);
        }
        else
        {
            Assert.EndsWith(attribute, condition.Attribute, StringComparison.Ordinal);
        }

        Assert.Equal(values, condition.Values.Count);
        Assert.Empty(q.Criteria);
    }

    [Fact]
    public void TheEqAttrSpelling_IsRefusedAsStandardButUnsupported()
        => Assert.StartsWith("'EQ_ATTR_bizLocation_owner' is a standard EPCIS 2.0 query parameter", Refused(("EQ_ATTR_bizLocation_owner", "x")).Detail, StringComparison.Ordinal);

    [Theory]
    [InlineData("EQ_colour")]
    [InlineData("EQ_ILMD_bestBeforeDate")]
    [InlineData("EQ_value_kelvin")]
    [InlineData("GE_percRank_CEL")]
    [InlineData("GE_type")]
    public void UnknownParameter_IsRefusedByName(string name)
        => Assert.StartsWith($"'{name}' is not a supported", Refused((name, "1")).Detail, StringComparison.Ordinal);

    [Theory]
    [InlineData("eventType", "ObjectEvent|TeleportEvent", "TeleportEvent")]
    [InlineData("EQ_bizStep", "shipping||receiving", "EQ_bizStep")]
    [InlineData("MATCH_epc", "", "MATCH_epc")]
    [InlineData("MATCH_epc", "a|", "MATCH_epc")]
    [InlineData("MATCH_epc", "urn:epc:idpat:sgtin:4012345.*.7", "trailing")]
    [InlineData("MATCH_anyEPC", "urn:epc:idpat:teleport:1.2", "known scheme")]
    [InlineData("GE_eventTime", "", "GE_eventTime")]
    [InlineData("GE_eventTime", "2026-01-01T00:00:00Z|2026-02-01T00:00:00Z", "GE_eventTime")]
    [InlineData("LT_recordTime", "2026-01-01T00:00:00", "offset")]
    [InlineData("perPage", "10|20", "perPage")]
    [InlineData("EQ_action", "SHOUT", "SHOUT")]
    [InlineData("GT_quantity", "lots", "GT_quantity")]
    [InlineData("EQ_quantity", "5|many", "EQ_quantity")]
    [InlineData("GT_example:grade", "B", "numbers or date-times")]
    [InlineData("GE_value_CEL", "warm", "GE_value_CEL")]
    [InlineData("EQ_booleanValue", "yes", "EQ_booleanValue")]
    [InlineData("orderBy", "colour", "orderBy")]
    [InlineData("orderDirection", "UP", "orderDirection")]
    [InlineData("eventCountLimit", "-1", "eventCountLimit")]
    [InlineData("maxEventCount", "many", "maxEventCount")]
    [InlineData("EXISTS_errorDeclaration", "maybe", "EXISTS_errorDeclaration")]
    public void BadListOrValue_IsRefused_NamingIt(string name, string value, string named)
        => Assert.Contains(named, Refused((name, value)).Detail, StringComparison.Ordinal);

    [Fact]
    public void EventCountLimit_NeedsOrderBy_AndExcludesMaxEventCount()
    {
        Assert.Contains("orderBy", Refused(("eventCountLimit", "2")).Detail, StringComparison.Ordinal);
        Assert.Contains("exclude each other", Refused(("orderBy", "eventTime"), ("eventCountLimit", "2"), ("maxEventCount", "5")).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedEpc_OfTheResourcePath_IsOneMoreCriterion()
    {
        var (query, _) = EpcisQueryParser.Parse([KeyValuePair.Create("EQ_bizStep", new string?[] { "shipping" })], ["urn:epc:id:sgtin:4012345.011111.7"]);
        var epc = Assert.IsType<EpcMatchCriterion>(query!.Criteria[1]);
        Assert.Equal((EpcRole.AnyEpc, "https://id.gs1.org/01/04012345111118/21/7"), (epc.Role, Assert.Single(epc.Values)));
    }
}
