using System.Globalization;
using System.Text.Json.Nodes;
using EsgTrace.Analysis;
using EsgTrace.Footprints;
using EsgTrace.SupplyChain;
using EsgTrace.Units;

namespace EsgTrace.Pact;

/// <summary>Who publishes footprints: the company name and its ids (URNs), and the CPC category products default to.</summary>
[GenerateSerializer, Immutable, Alias("esg.pact-organisation")]
public sealed record PactOrganisation(string CompanyName, IReadOnlyList<string> CompanyIds, string ProductCategoryCpc);

/// <summary>
/// The body of a PACT v2.3 ProductFootprint for a product footprint (everything but id, specVersion, version, created,
/// status and precedingPfIds, which the registry adds when it issues it). PACT v2 has no "piece": a product declared per
/// piece is published per kilogram of product, with unitaryProductAmount = its bill-of-materials mass per piece, so
/// pCfExcludingBiogenic = footprint per piece ÷ kg per piece. Decimals are JSON strings, as the specification requires.
/// </summary>
public static class PactFootprintBuilder
{
    public const string SpecVersion = "2.3.0";

    /// <summary>The body, or why the product cannot be published yet.</summary>
    public static (JsonObject? Body, string? Problem) Build(ProductView product, ProductAnalysis analysis, PactOrganisation organisation)
    {
        if (analysis.Footprint is not { } f)
        {
            return (null, analysis.FootprintProblem ?? "The footprint cannot be computed yet.");
        }

        if (analysis.Period is not { } period)
        {
            return (null, "The product has no production batch, so the footprint has no reference period.");
        }

        var massKg = product.Product.Bom.Where(l => l.Kind == BomLineKind.Material)
            .Sum(l => Quantity.Of(l.Quantity, l.Unit).To(Unit.Kilogram).Value);
        if (massKg <= 0 || product.Product.Bom.Any(l => l.Kind != BomLineKind.Material))
        {
            return (null, "PACT v2 needs the product's mass per declared unit; it is known for products made of materials only (sub-products have no declared mass).");
        }

        var perKg = Math.Round(f.TotalKgCo2e / massKg, 6, MidpointRounding.AwayFromZero);
        var primaryPercent = Math.Round(f.PrimaryDataShare * 100m, 2, MidpointRounding.AwayFromZero);
        var productIds = new JsonArray();
        if (product.Product.Gtin is { } gtin)
        {
            productIds.Add("urn:gtin:" + gtin);
        }

        productIds.Add($"urn:esgtrace:product:{product.Id}");
        var pcf = new JsonObject
        {
            ["declaredUnit"] = "kilogram",
            ["unitaryProductAmount"] = Numbers.Plain(massKg),
            ["pCfExcludingBiogenic"] = Numbers.Plain(perKg),
            ["fossilGhgEmissions"] = Numbers.Plain(perKg),
            ["fossilCarbonContent"] = "0",
            ["biogenicCarbonContent"] = "0",
            ["characterizationFactors"] = "AR5",
            ["ipccCharacterizationFactorsSources"] = new JsonArray("AR5"),
            ["crossSectoralStandardsUsed"] = new JsonArray("GHG Protocol Product standard"),
            ["productOrSectorSpecificRules"] = new JsonArray(new JsonObject
            {
                ["operator"] = "Other",
                ["ruleNames"] = new JsonArray($"EsgTrace cradle-to-gate method {f.CalculatorVersion}"),
                ["otherOperatorName"] = "EsgTrace",
            }),
            ["boundaryProcessesDescription"] = "Cradle-to-gate at the product's own factory: materials (supplier PCFs or dataset factors), every inbound transport leg (tonne-km × mode factor), process energy × grid factor. Outbound distribution, use and end of life are excluded.",
            ["referencePeriodStart"] = Utc(period.From.AtStartOfDayInZone(NodaTime.DateTimeZone.Utc).ToInstant()),
            ["referencePeriodEnd"] = Utc(period.To.PlusDays(1).AtStartOfDayInZone(NodaTime.DateTimeZone.Utc).ToInstant()),
            ["exemptedEmissionsPercent"] = 0,
            ["exemptedEmissionsDescription"] = "No exemptions: every bill-of-materials line has a factor or the footprint is not computed.",
            ["packagingEmissionsIncluded"] = false,
            ["primaryDataShare"] = primaryPercent,
            ["dqi"] = new JsonObject
            {
                ["coveragePercent"] = 100,
                ["technologicalDQR"] = Dqr(f.PrimaryDataShare),
                ["temporalDQR"] = period.From.PlusYears(1) > period.To ? 1 : 2,
                ["geographicalDQR"] = Dqr(f.PrimaryDataShare),
                ["completenessDQR"] = 1,
                ["reliabilityDQR"] = Dqr(f.PrimaryDataShare),
            },
        };
        return (new JsonObject
        {
            ["comment"] = $"Computed by EsgTrace ({f.MethodText}; {analysis.Dataset}; calculator {f.CalculatorVersion}); {Numbers.Plain(f.TotalKgCo2e)} kg CO2e per {f.DeclaredUnit} ÷ {Numbers.Plain(massKg)} kg per {f.DeclaredUnit}. Lineage root SHA-256 {analysis.FootprintLineage!.RootSha256}. Carbon content is not assessed (reported as 0); biogenic emissions are not separated.",
            ["companyName"] = organisation.CompanyName,
            ["companyIds"] = new JsonArray(organisation.CompanyIds.Select(id => (JsonNode)id!).ToArray()),
            ["productDescription"] = $"{product.Product.Name}, {f.DeclaredUnit} = {Numbers.Plain(massKg)} kg",
            ["productIds"] = productIds,
            ["productCategoryCpc"] = organisation.ProductCategoryCpc,
            ["productNameCompany"] = product.Product.Name,
            ["pcf"] = pcf,
        }, null);
    }

    /// <summary>Data-quality rating (1 best … 3) from the primary-data share: 1 from 80 %, 2 from 40 %, else 3 (EsgTrace's documented rubric).</summary>
    public static int Dqr(decimal primaryShare) => primaryShare >= 0.8m ? 1 : primaryShare >= 0.4m ? 2 : 3;

    public static string Utc(NodaTime.Instant instant) => instant.ToDateTimeUtc().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
