using System.Text.Json;
using System.Text.Json.Nodes;
using EsgTrace.Pact;
using Xunit;

namespace EsgTrace.Domain.Tests.Pact;

/// <summary>
/// The v3.0 ProductFootprint rules, each broken once on a conforming document (written here by hand from the
/// specification's OpenAPI schema and text, not produced by our builder), and the filter semantics on it.
/// </summary>
public sealed class PactV3RulesTests
{
    private static JsonObject Valid() => JsonNode.Parse("""
        {
          "id": "b1f8c0d2-7c4e-4e67-9a9c-2e4c12345678", "specVersion": "3.0.0", "created": "2025-01-15T10:15:30Z", "status": "Active",
          "validityPeriodStart": "2025-01-01T00:00:00Z", "validityPeriodEnd": "2027-12-31T00:00:00Z",
          "companyName": "Acme Corp", "companyIds": ["urn:uuid:abc12345-6789-4def-0123-456789abcdef"],
          "productDescription": "Cotton fabric", "productIds": ["urn:gtin:4012345000023"], "productClassifications": ["urn:pact:productclassification:un-cpc:2651"],
          "productNameCompany": "Fabric",
          "pcf": {
            "declaredUnitOfMeasurement": "piece", "declaredUnitAmount": "1", "productMassPerDeclaredUnit": "0.25",
            "referencePeriodStart": "2024-01-01T00:00:00Z", "referencePeriodEnd": "2025-01-01T00:00:00Z", "geographyCountry": "DE",
            "pcfExcludingBiogenicUptake": "2.5", "pcfIncludingBiogenicUptake": "2.1", "biogenicCO2Uptake": "-0.4",
            "fossilGhgEmissions": "2.5", "fossilCarbonContent": "0", "ipccCharacterizationFactors": ["AR6"], "crossSectoralStandards": ["ISO14067"],
            "exemptedEmissionsPercent": "0", "packagingEmissionsIncluded": false, "primaryDataShare": "50",
            "dqi": { "technologicalDQR": "4.5", "geographicalDQR": "1", "temporalDQR": "2" }
          }
        }
        """)!.AsObject();

    private static IReadOnlyList<string> Check(JsonObject pf) => PactV3Rules.Check(JsonDocument.Parse(pf.ToJsonString()).RootElement);

    [Fact]
    public void AConformingDocument_BreaksNoRule() => Assert.Empty(Check(Valid()));

    [Theory]
    [InlineData("pcf.pcfIncludingBiogenicUptake", "\"2.5\"", "must equal pcfExcludingBiogenicUptake + biogenicCO2Uptake")] // 2.5 + (−0.4) = 2.1, not 2.5
    [InlineData("pcf.biogenicCO2Uptake", "\"0.4\"", "0 or less")]
    [InlineData("pcf.declaredUnitOfMeasurement", "\"pieces\"", "one of liter")]
    [InlineData("pcf.declaredUnitAmount", "\"0\"", "greater than 0")]
    [InlineData("pcf.productMassPerDeclaredUnit", "0.25", "JSON string")]
    [InlineData("pcf.fossilGhgEmissions", "\"-1\"", "0 or more")]
    [InlineData("pcf.dqi.technologicalDQR", "\"6\"", "from 1 to 5")]
    [InlineData("pcf.dqi.temporalDQR", "\"0.5\"", "from 1 to 5")]
    [InlineData("pcf.ipccCharacterizationFactors", "[\"6th\"]", "AR followed by")]
    [InlineData("pcf.geographyCountry", "\"Germany\"", "ISO 3166-1")]
    [InlineData("pcf.geographyRegionOrSubregion", "\"Europe\"", "at most one of")]
    [InlineData("pcf.packagingGhgEmissions", "\"0.1\"", "undefined when packagingEmissionsIncluded is false")]
    [InlineData("pcf.exemptedEmissionsPercent", "\"101\"", "0 to 100")]
    [InlineData("specVersion", "\"2.3.0\"", "version 3")]
    [InlineData("id", "\"not-a-uuid\"", "UUID")]
    [InlineData("status", "\"Retired\"", "Active or Deprecated")]
    [InlineData("productIds", "[\"gtin:4012345000023\"]", "URNs")]
    [InlineData("companyIds", "[]", "non-empty")]
    [InlineData("validityPeriodStart", "\"2024-06-01T00:00:00Z\"", "not be before pcf.referencePeriodEnd")]
    [InlineData("validityPeriodEnd", "\"2028-01-02T00:00:00Z\"", "3 years")]
    [InlineData("created", "\"2025-01-15\"", "date-time")]
    public void EachRule_IsChecked(string path, string json, string message)
    {
        var pf = Valid();
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate((JsonNode)pf, (node, name) => node[name]!).AsObject();
        parent[parts[^1]] = JsonNode.Parse(json);

        Assert.Contains(Check(pf), e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void RequiredFields_AreNamed()
    {
        var pf = Valid();
        pf.Remove("productNameCompany");
        pf["pcf"]!.AsObject().Remove("pcfIncludingBiogenicUptake");

        Assert.Contains("productNameCompany: required.", Check(pf));
        Assert.Contains("pcf.pcfIncludingBiogenicUptake: required.", Check(pf));
    }

    [Fact]
    public void Criteria_OrWithin_AndAcross_CaseInsensitive_ValidityBounds()
    {
        var pf = JsonDocument.Parse(Valid().ToJsonString()).RootElement;
        (PactFootprintCriteria?, string?) Q(params (string, string)[] query) => PactFootprintCriteria.FromQuery(query.GroupBy(q => q.Item1).Select(g => KeyValuePair.Create(g.Key, g.Select(x => (string?)x.Item2).ToArray())));
        bool Matches(params (string, string)[] query) => Q(query).Item1!.Matches(pf);

        Assert.True(Matches(("productId", "urn:other"), ("productId", "URN:GTIN:4012345000023")));
        Assert.False(Matches(("productId", "urn:gtin:4012345000023"), ("geography", "FR")));
        Assert.True(Matches(("geography", "FR"), ("geography", "DE")));
        Assert.True(Matches(("status", "active")));
        Assert.False(Matches(("status", "Bogus")));
        // Validity 2025-01-01 (inclusive) … 2027-12-31: validOn at both ends matches; validAfter needs start > t; validBefore end < t.
        Assert.True(Matches(("validOn", "2025-01-01T00:00:00Z")));
        Assert.True(Matches(("validOn", "2027-12-31T00:00:00Z")));
        Assert.False(Matches(("validOn", "2028-01-01T00:00:00Z")));
        Assert.True(Matches(("validAfter", "2024-12-31T23:59:59Z")));
        Assert.False(Matches(("validAfter", "2025-01-01T00:00:00Z")));
        Assert.True(Matches(("validBefore", "2027-12-31T00:00:01Z")));
        Assert.False(Matches(("validBefore", "2027-12-31T00:00:00Z")));
        Assert.NotNull(Q(("$filter", "x")).Item2);
        Assert.NotNull(Q(("validOn", "2025-01-01")).Item2);
    }

    [Fact]
    public void WithoutAValidityPeriod_AFootprintIsValidForThreeYearsFromItsReferencePeriodEnd()
    {
        var pf = Valid();
        pf.Remove("validityPeriodStart");
        pf.Remove("validityPeriodEnd");

        var (start, end) = PactFootprintCriteria.ValidityOf(JsonDocument.Parse(pf.ToJsonString()).RootElement)!.Value;

        Assert.Equal(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(DateTimeOffset.Parse("2028-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), end);
    }

    [Theory]
    [InlineData("1 piece", "piece", 1)]
    [InlineData("1 kg", "kilogram", 1)]
    [InlineData("0.5 l", "liter", 0.5)]
    public void DeclaredUnits_MapToV3Units(string declared, string unit, double amount)
        => Assert.Equal((unit, (decimal)amount), PactV3FootprintBuilder.DeclaredUnit(declared));

    [Fact]
    public void Dqr_OnTheV3Scale() => Assert.Equal([1, 2, 3, 4, 5], new[] { 0.8m, 0.6m, 0.4m, 0.2m, 0.19m }.Select(PactV3FootprintBuilder.Dqr));
}
