using System.Text.Json;
using System.Text.RegularExpressions;

namespace EsgTrace.Pact;

/// <summary>
/// The rules of a PACT v3.0 ProductFootprint, written from the specification's OpenAPI schema (components.schemas
/// ProductFootprint, CarbonFootprint, DataQualityIndicators, ProductOrSectorSpecificRule, the Decimal types) and its
/// normative text (validity period within referencePeriodEnd … + 3 years; pcfIncludingBiogenicUptake =
/// pcfExcludingBiogenicUptake + biogenicCO2Uptake; packagingGhgEmissions undefined unless packaging is included). The
/// specification file itself is not shipped; these checks are ours. Used on what we publish (tests) and on what partners
/// send us (before a footprint is offered for review).
/// </summary>
public static partial class PactV3Rules
{
    private static readonly string[] Required = ["id", "specVersion", "created", "status", "companyName", "companyIds", "productDescription", "productIds", "productNameCompany", "pcf"];

    private static readonly string[] PcfRequired =
    [
        "declaredUnitOfMeasurement", "declaredUnitAmount", "productMassPerDeclaredUnit", "referencePeriodStart", "referencePeriodEnd",
        "pcfExcludingBiogenicUptake", "pcfIncludingBiogenicUptake", "fossilGhgEmissions", "fossilCarbonContent", "ipccCharacterizationFactors",
        "crossSectoralStandards", "exemptedEmissionsPercent",
    ];

    public static readonly string[] DeclaredUnits = ["liter", "kilogram", "cubic meter", "kilowatt hour", "megajoule", "ton kilometer", "square meter", "piece", "hour", "megabit second"];

    public static readonly string[] Regions =
    [
        "Africa", "Americas", "Asia", "Europe", "Oceania", "Australia and New Zealand", "Central Asia", "Eastern Asia", "Eastern Europe",
        "Latin America and the Caribbean", "Melanesia", "Micronesia", "Northern Africa", "Northern America", "Northern Europe", "Polynesia",
        "South-eastern Asia", "Southern Asia", "Southern Europe", "Sub-Saharan Africa", "Western Asia", "Western Europe",
    ];

    private static readonly string[] NonNegative =
    [
        "fossilGhgEmissions", "fossilCarbonContent", "biogenicCarbonContent", "recycledCarbonContent", "landUseChangeGhgEmissions", "landCarbonLeakage",
        "landManagementFossilGhgEmissions", "landManagementBiogenicCO2Emissions", "biogenicNonCO2Emissions", "landAreaOccupation", "aircraftGhgEmissions",
        "packagingGhgEmissions", "packagingBiogenicCarbonContent", "outboundLogisticsGhgEmissions", "ccuCarbonContent",
    ];

    private static readonly string[] NonPositive = ["landManagementBiogenicCO2Removals", "biogenicCO2Uptake", "ccsTechnologicalCO2Capture", "technologicalCO2Removals"];

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-\d{8})?$")]
    private static partial Regex SpecVersionPattern();

    [GeneratedRegex(@"^AR\d+$")]
    private static partial Regex IpccPattern();

    [GeneratedRegex(@"^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex(@"^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex SubdivisionPattern();

    /// <summary>Every rule the document breaks, as "field: problem"; empty when it conforms.</summary>
    public static IReadOnlyList<string> Check(JsonElement pf)
    {
        if (pf.ValueKind != JsonValueKind.Object)
        {
            return ["The ProductFootprint must be a JSON object."];
        }

        var errors = new List<string>();
        errors.AddRange(Required.Where(f => !pf.TryGetProperty(f, out _)).Select(f => $"{f}: required."));
        if (Text(pf, "id", errors) is { } id && !Guid.TryParseExact(id, "D", out _))
        {
            errors.Add("id: must be a UUID.");
        }

        if (Text(pf, "specVersion", errors) is { } spec && (!SpecVersionPattern().IsMatch(spec) || !spec.StartsWith("3.", StringComparison.Ordinal)))
        {
            errors.Add("specVersion: major.minor.patch of version 3 (e.g. 3.0.0).");
        }

        Time(pf, "created", errors);
        if (Text(pf, "status", errors) is { } status && status is not ("Active" or "Deprecated"))
        {
            errors.Add("status: Active or Deprecated.");
        }

        if (Text(pf, "companyName", errors) is "")
        {
            errors.Add("companyName: must not be empty.");
        }

        if (Text(pf, "productNameCompany", errors) is "")
        {
            errors.Add("productNameCompany: must not be empty.");
        }

        Text(pf, "productDescription", errors);
        Text(pf, "comment", errors);
        Urns(pf, "companyIds", errors);
        Urns(pf, "productIds", errors);
        Urns(pf, "productClassifications", errors);
        if (pf.TryGetProperty("precedingPfIds", out var preceding)
            && (preceding.ValueKind != JsonValueKind.Array || preceding.GetArrayLength() == 0
                || preceding.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String || !Guid.TryParseExact(p.GetString(), "D", out _))
                || preceding.EnumerateArray().Select(p => p.ToString()).Distinct().Count() != preceding.GetArrayLength()))
        {
            errors.Add("precedingPfIds: a non-empty list of distinct UUIDs.");
        }

        if (!pf.TryGetProperty("pcf", out var pcf) || pcf.ValueKind != JsonValueKind.Object)
        {
            if (pf.TryGetProperty("pcf", out _))
            {
                errors.Add("pcf: must be an object.");
            }

            return errors;
        }

        errors.AddRange(PcfRequired.Where(f => !pcf.TryGetProperty(f, out _)).Select(f => $"pcf.{f}: required."));
        if (Text(pcf, "declaredUnitOfMeasurement", errors, "pcf.") is { } unit && !DeclaredUnits.Contains(unit))
        {
            errors.Add($"pcf.declaredUnitOfMeasurement: one of {string.Join(", ", DeclaredUnits)}.");
        }

        Decimal(pcf, "declaredUnitAmount", errors, d => d > 0, "greater than 0");
        Decimal(pcf, "productMassPerDeclaredUnit", errors, d => d >= 0, "0 or more (kg; 0 where mass is not relevant)");
        var excluding = Decimal(pcf, "pcfExcludingBiogenicUptake", errors, _ => true, string.Empty);
        var including = Decimal(pcf, "pcfIncludingBiogenicUptake", errors, _ => true, string.Empty);
        foreach (var name in NonNegative)
        {
            Decimal(pcf, name, errors, d => d >= 0, "0 or more");
        }

        foreach (var name in NonPositive)
        {
            Decimal(pcf, name, errors, d => d <= 0, "0 or less (removals and uptake are negative)");
        }

        var uptake = PactDecimal.Of(pcf, "biogenicCO2Uptake");
        if (excluding is { } ex && including is { } inc && inc != ex + (uptake ?? 0m))
        {
            errors.Add($"pcf.pcfIncludingBiogenicUptake: must equal pcfExcludingBiogenicUptake + biogenicCO2Uptake ({PactDecimal.Text(ex)} + {PactDecimal.Text(uptake ?? 0m)}).");
        }

        Decimal(pcf, "exemptedEmissionsPercent", errors, d => d is >= 0 and <= 100, "a percentage from 0 to 100");
        Decimal(pcf, "primaryDataShare", errors, d => d is >= 0 and <= 100, "a percentage from 0 to 100");
        Text(pcf, "boundaryProcessesDescription", errors, "pcf.");
        Text(pcf, "exemptedEmissionsDescription", errors, "pcf.");
        var start = Time(pcf, "referencePeriodStart", errors, "pcf.");
        var end = Time(pcf, "referencePeriodEnd", errors, "pcf.");
        if (start is not null && end is not null && start >= end)
        {
            errors.Add("pcf.referencePeriodEnd: must be after referencePeriodStart.");
        }

        var validFrom = Time(pf, "validityPeriodStart", errors);
        var validTo = Time(pf, "validityPeriodEnd", errors);
        if (end is { } refEnd && validFrom is { } vf && vf < refEnd)
        {
            errors.Add("validityPeriodStart: must not be before pcf.referencePeriodEnd.");
        }

        if (end is { } refEnd2 && validTo is { } vt && vt > refEnd2.AddYears(3))
        {
            errors.Add("validityPeriodEnd: at most 3 years after pcf.referencePeriodEnd.");
        }

        if (validFrom is { } a && validTo is { } b && a >= b)
        {
            errors.Add("validityPeriodEnd: must be after validityPeriodStart.");
        }

        Geography(pcf, errors);
        Strings(pcf, "ipccCharacterizationFactors", errors, s => IpccPattern().IsMatch(s), "AR followed by the report number, e.g. AR6");
        Strings(pcf, "crossSectoralStandards", errors, s => s.Length > 0, "non-empty strings");
        if (pcf.TryGetProperty("packagingEmissionsIncluded", out var packaging))
        {
            if (packaging.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add("pcf.packagingEmissionsIncluded: true or false.");
            }
            else if (packaging.ValueKind == JsonValueKind.False && pcf.TryGetProperty("packagingGhgEmissions", out _))
            {
                errors.Add("pcf.packagingGhgEmissions: must be undefined when packagingEmissionsIncluded is false.");
            }
        }

        Rules(pcf, errors);
        Dqi(pcf, errors);
        return errors;
    }

    private static void Geography(JsonElement pcf, List<string> errors)
    {
        var defined = new[] { "geographyRegionOrSubregion", "geographyCountry", "geographyCountrySubdivision" }.Where(n => pcf.TryGetProperty(n, out _)).ToList();
        if (defined.Count > 1)
        {
            errors.Add($"pcf: at most one of geographyRegionOrSubregion, geographyCountry, geographyCountrySubdivision ({string.Join(", ", defined)} given).");
        }

        if (Text(pcf, "geographyRegionOrSubregion", errors, "pcf.") is { } region && !Regions.Contains(region))
        {
            errors.Add("pcf.geographyRegionOrSubregion: a UN M49 region or subregion name of the specification's list.");
        }

        if (Text(pcf, "geographyCountry", errors, "pcf.") is { } country && !CountryPattern().IsMatch(country))
        {
            errors.Add("pcf.geographyCountry: an ISO 3166-1 alpha-2 code, e.g. DE.");
        }

        if (Text(pcf, "geographyCountrySubdivision", errors, "pcf.") is { } sub && !SubdivisionPattern().IsMatch(sub))
        {
            errors.Add("pcf.geographyCountrySubdivision: an ISO 3166-2 code, e.g. DE-BW.");
        }
    }

    private static void Rules(JsonElement pcf, List<string> errors)
    {
        if (!pcf.TryGetProperty("productOrSectorSpecificRules", out var rules))
        {
            return;
        }

        if (rules.ValueKind != JsonValueKind.Array || rules.GetArrayLength() == 0)
        {
            errors.Add("pcf.productOrSectorSpecificRules: a non-empty list.");
            return;
        }

        foreach (var rule in rules.EnumerateArray())
        {
            var op = rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("operator", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            if (op is not ("PEF" or "EPD International" or "Other"))
            {
                errors.Add("pcf.productOrSectorSpecificRules[].operator: PEF, EPD International or Other.");
            }

            if (rule.ValueKind != JsonValueKind.Object || !rule.TryGetProperty("ruleNames", out var names) || names.ValueKind != JsonValueKind.Array || names.GetArrayLength() == 0
                || names.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.String || n.GetString()!.Length == 0))
            {
                errors.Add("pcf.productOrSectorSpecificRules[].ruleNames: a non-empty list of non-empty strings.");
            }

            if (op == "Other" && (!rule.TryGetProperty("otherOperatorName", out var other) || other.ValueKind != JsonValueKind.String || other.GetString()!.Length == 0))
            {
                errors.Add("pcf.productOrSectorSpecificRules[].otherOperatorName: required when the operator is Other.");
            }
        }
    }

    private static void Dqi(JsonElement pcf, List<string> errors)
    {
        if (!pcf.TryGetProperty("dqi", out var dqi))
        {
            return;
        }

        if (dqi.ValueKind != JsonValueKind.Object)
        {
            errors.Add("pcf.dqi: must be an object.");
            return;
        }

        foreach (var name in new[] { "technologicalDQR", "geographicalDQR", "temporalDQR" })
        {
            if (!dqi.TryGetProperty(name, out _))
            {
                errors.Add($"pcf.dqi.{name}: required.");
            }
            else if (PactDecimal.Of(dqi, name) is not { } r || r is < 1 or > 5)
            {
                errors.Add($"pcf.dqi.{name}: a decimal string from 1 to 5.");
            }
        }
    }

    private static decimal? Decimal(JsonElement pcf, string name, List<string> errors, Func<decimal, bool> within, string bound)
    {
        if (!pcf.TryGetProperty(name, out _))
        {
            return null;
        }

        if (PactDecimal.Of(pcf, name) is not { } d)
        {
            errors.Add($"pcf.{name}: a decimal written as a JSON string, e.g. \"1.25\".");
            return null;
        }

        if (!within(d))
        {
            errors.Add($"pcf.{name}: must be {bound}.");
            return null;
        }

        return d;
    }

    private static string? Text(JsonElement e, string name, List<string> errors, string prefix = "")
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{prefix}{name}: must be a string.");
            return null;
        }

        return v.GetString();
    }

    private static DateTimeOffset? Time(JsonElement e, string name, List<string> errors, string prefix = "")
    {
        if (Text(e, name, errors, prefix) is not { } text)
        {
            return null;
        }

        if (!PactFootprintCriteria.TryTime(text, out var t))
        {
            errors.Add($"{prefix}{name}: an RFC 3339 date-time, e.g. 2025-01-01T00:00:00Z.");
            return null;
        }

        return t;
    }

    private static void Urns(JsonElement pf, string name, List<string> errors)
        => Strings(pf, name, errors, s => s.StartsWith("urn:", StringComparison.OrdinalIgnoreCase), "URNs (urn:…)", prefix: string.Empty);

    private static void Strings(JsonElement e, string name, List<string> errors, Func<string, bool> valid, string what, string prefix = "pcf.")
    {
        if (!e.TryGetProperty(name, out var list))
        {
            return;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0 || list.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String || !valid(x.GetString()!)))
        {
            errors.Add($"{prefix}{name}: a non-empty list of {what}.");
        }
        else if (list.EnumerateArray().Select(x => x.GetString()).Distinct(StringComparer.Ordinal).Count() != list.GetArrayLength())
        {
            errors.Add($"{prefix}{name}: the values must be distinct.");
        }
    }
}
