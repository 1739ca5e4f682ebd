using System.Text.Json.Nodes;
using EsgTrace.Analysis;
using EsgTrace.Footprints;
using EsgTrace.SupplyChain;
using EsgTrace.Units;

namespace EsgTrace.Pact;

/// <summary>
/// The body of a PACT v3.0 ProductFootprint for a product footprint (everything but id, specVersion, created, status and
/// precedingPfIds, which the registry adds when it issues it). v3 declares the product in its own unit: a product
/// declared per piece is published per piece (declaredUnitOfMeasurement "piece", declaredUnitAmount "1",
/// productMassPerDeclaredUnit = its bill-of-materials mass per piece in kg), so pcfExcludingBiogenicUptake is the
/// footprint per piece itself (rounded to 6 decimals, kg CO2e per declared unit). What our footprint does not track is
/// stated, not invented: biogenic CO2 uptake is not assessed, so biogenicCO2Uptake is undefined and
/// pcfIncludingBiogenicUptake = pcfExcludingBiogenicUptake + 0; land-use change and land-management emissions, biogenic
/// and fossil carbon content are not assessed (the required fossilCarbonContent is "0" and said so in comment).
/// </summary>
public static class PactV3FootprintBuilder
{
    /// <summary>The body, or why the product cannot be published yet.</summary>
    public static (JsonObject? Body, string? Problem) Build(ProductView product, ProductAnalysis analysis, PactOrganisation organisation, string? geographyCountry)
    {
        if (analysis.Footprint is not { } f)
        {
            return (null, analysis.FootprintProblem ?? "The footprint cannot be computed yet.");
        }

        if (analysis.Period is not { } period)
        {
            return (null, "The product has no production batch, so the footprint has no reference period.");
        }

        if (DeclaredUnit(f.DeclaredUnit) is not var (unit, amount))
        {
            return (null, $"The declared unit '{f.DeclaredUnit}' has no PACT v3 unit of measurement (piece, kilogram, liter, …).");
        }

        if (product.Product.Bom.Any(l => l.Kind != BomLineKind.Material))
        {
            return (null, "PACT needs the product's mass per declared unit; it is known for products made of materials only (sub-products have no declared mass).");
        }

        var massKg = product.Product.Bom.Sum(l => Quantity.Of(l.Quantity, l.Unit).To(Unit.Kilogram).Value);
        var perUnit = Math.Round(f.TotalKgCo2e, 6, MidpointRounding.AwayFromZero);
        var primaryPercent = Math.Round(f.PrimaryDataShare * 100m, 2, MidpointRounding.AwayFromZero);
        var productIds = new JsonArray();
        if (product.Product.Gtin is { } gtin)
        {
            productIds.Add("urn:gtin:" + gtin);
        }

        productIds.Add($"urn:esgtrace:product:{product.Id}");
        var referenceStart = period.From.AtStartOfDayInZone(NodaTime.DateTimeZone.Utc).ToInstant();
        var referenceEnd = period.To.PlusDays(1).AtStartOfDayInZone(NodaTime.DateTimeZone.Utc).ToInstant();
        var dqr = Dqr(f.PrimaryDataShare);
        var pcf = new JsonObject
        {
            ["declaredUnitOfMeasurement"] = unit,
            ["declaredUnitAmount"] = PactDecimal.Text(amount),
            // Per kilogram the declared unit is itself a mass; otherwise the bill of materials' mass per unit.
            ["productMassPerDeclaredUnit"] = PactDecimal.Text(unit == "kilogram" ? amount : massKg * amount),
            ["referencePeriodStart"] = PactFootprintBuilder.Utc(referenceStart),
            ["referencePeriodEnd"] = PactFootprintBuilder.Utc(referenceEnd),
        };
        if (geographyCountry is not null)
        {
            pcf["geographyCountry"] = geographyCountry;
        }

        pcf["boundaryProcessesDescription"] = "Cradle-to-gate at the product's own factory: materials (supplier PCFs or dataset factors), every inbound transport leg (tonne-km × mode factor), process energy × grid factor. Outbound distribution, use and end of life are excluded.";
        pcf["pcfExcludingBiogenicUptake"] = PactDecimal.Text(perUnit);
        pcf["pcfIncludingBiogenicUptake"] = PactDecimal.Text(perUnit);
        pcf["fossilGhgEmissions"] = PactDecimal.Text(perUnit);
        pcf["fossilCarbonContent"] = "0";
        pcf["ipccCharacterizationFactors"] = new JsonArray("AR5");
        pcf["crossSectoralStandards"] = new JsonArray("GHGP-Product", "ISO14067", "ISO14083");
        pcf["productOrSectorSpecificRules"] = new JsonArray(new JsonObject
        {
            ["operator"] = "Other",
            ["ruleNames"] = new JsonArray($"EsgTrace cradle-to-gate method {f.CalculatorVersion}"),
            ["otherOperatorName"] = "EsgTrace",
        });
        pcf["exemptedEmissionsPercent"] = "0";
        pcf["exemptedEmissionsDescription"] = "No exemptions: every bill-of-materials line has a factor or the footprint is not computed.";
        pcf["packagingEmissionsIncluded"] = false;
        pcf["primaryDataShare"] = PactDecimal.Text(primaryPercent);
        pcf["dqi"] = new JsonObject
        {
            ["technologicalDQR"] = PactDecimal.Text(dqr),
            ["geographicalDQR"] = PactDecimal.Text(dqr),
            ["temporalDQR"] = period.From.PlusYears(1) > period.To ? "1" : "2",
        };
        var body = new JsonObject
        {
            ["validityPeriodStart"] = PactFootprintBuilder.Utc(referenceEnd),
            ["validityPeriodEnd"] = PactFootprintBuilder.Utc(referenceEnd.InUtc().LocalDateTime.PlusYears(3).InUtc().ToInstant()),
            ["companyName"] = organisation.CompanyName,
            ["companyIds"] = new JsonArray(organisation.CompanyIds.Select(id => (JsonNode)id!).ToArray()),
            ["productDescription"] = $"{product.Product.Name}, {f.DeclaredUnit} = {Numbers.Plain(massKg)} kg",
            ["productIds"] = productIds,
            ["productClassifications"] = new JsonArray($"urn:pact:productclassification:un-cpc:{organisation.ProductCategoryCpc}"),
            ["productNameCompany"] = product.Product.Name,
            ["comment"] = $"Computed by EsgTrace ({f.MethodText}; {analysis.Dataset}; calculator {f.CalculatorVersion}): {Numbers.Plain(f.TotalKgCo2e)} kg CO2e per {f.DeclaredUnit}. Lineage root SHA-256 {analysis.FootprintLineage!.RootSha256}. "
                + "Not assessed: biogenic CO2 uptake (so pcfIncludingBiogenicUptake = pcfExcludingBiogenicUptake), land-use change and land-management emissions and removals, fossil and biogenic carbon content (fossilCarbonContent reported as 0); all emissions are reported as fossil.",
            ["pcf"] = pcf,
        };
        return (body, null);
    }

    /// <summary>
    /// Data-quality rating (1 best … 5, the v3 scale) from the primary-data share: 1 from 80 %, 2 from 60 %, 3 from 40 %,
    /// 4 from 20 %, else 5 (EsgTrace's documented rubric).
    /// </summary>
    public static int Dqr(decimal primaryShare)
        => primaryShare >= 0.8m ? 1 : primaryShare >= 0.6m ? 2 : primaryShare >= 0.4m ? 3 : primaryShare >= 0.2m ? 4 : 5;

    /// <summary>"1 piece" → (piece, 1); "1 kg" → (kilogram, 1); a unit PACT v3 does not have → null.</summary>
    public static (string Unit, decimal Amount)? DeclaredUnit(string declared)
    {
        var parts = declared.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (amount, name) = parts.Length == 2 && decimal.TryParse(parts[0], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var a)
            ? (a, parts[1])
            : (1m, declared.Trim());
        var unit = name.ToLowerInvariant() switch
        {
            "piece" or "pieces" or "pc" or "pcs" or "unit" or "item" => "piece",
            "kg" or "kilogram" or "kilograms" => "kilogram",
            "l" or "liter" or "litre" or "liters" or "litres" => "liter",
            "m3" or "cubic meter" => "cubic meter",
            "m2" or "square meter" => "square meter",
            "kwh" or "kilowatt hour" => "kilowatt hour",
            "mj" or "megajoule" => "megajoule",
            _ => null,
        };
        return unit is null || amount <= 0 ? null : (unit, amount);
    }
}
