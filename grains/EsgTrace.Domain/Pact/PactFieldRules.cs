using System.Globalization;
using System.Text.Json;

namespace EsgTrace.Pact;

/// <summary>
/// The field rules of a PACT v2 ProductFootprint (Technical Specifications v2.3, transcribed in docs/pact.md): required
/// fields, URN lists, UUID id, decimals as strings with their bounds, units, characterisation factors, exemptions,
/// reference period, and the data-quality fields. Used on what we publish (tests) and on what suppliers send us (import).
/// </summary>
public static class PactFieldRules
{
    private static readonly string[] Required = ["id", "specVersion", "version", "created", "status", "companyName", "companyIds", "productDescription", "productIds", "productCategoryCpc", "productNameCompany", "comment", "pcf"];

    private static readonly string[] PcfRequired =
    [
        "declaredUnit", "unitaryProductAmount", "pCfExcludingBiogenic", "fossilGhgEmissions", "fossilCarbonContent", "biogenicCarbonContent",
        "characterizationFactors", "ipccCharacterizationFactorsSources", "crossSectoralStandardsUsed", "boundaryProcessesDescription",
        "referencePeriodStart", "referencePeriodEnd", "exemptedEmissionsPercent", "exemptedEmissionsDescription", "packagingEmissionsIncluded",
    ];

    public static readonly string[] DeclaredUnits = ["liter", "kilogram", "cubic meter", "kilowatt hour", "megajoule", "ton kilometer", "square meter"];

    /// <summary>Every rule the document breaks, as "field: problem"; empty when it conforms.</summary>
    public static IReadOnlyList<string> Check(JsonElement pf)
    {
        var errors = new List<string>();
        if (pf.ValueKind != JsonValueKind.Object)
        {
            return ["The ProductFootprint must be a JSON object."];
        }

        foreach (var field in Required.Where(f => !pf.TryGetProperty(f, out _)))
        {
            errors.Add($"{field}: required.");
        }

        if (Text(pf, "id") is { } id && !Guid.TryParseExact(id, "D", out _))
        {
            errors.Add("id: must be a UUID.");
        }

        if (Text(pf, "specVersion") is { } spec && !spec.StartsWith("2.", StringComparison.Ordinal))
        {
            errors.Add("specVersion: this importer reads version 2.x.");
        }

        if (pf.TryGetProperty("version", out var version) && (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v < 0))
        {
            errors.Add("version: a whole number, 0 or more.");
        }

        if (Text(pf, "status") is { } status && status is not ("Active" or "Deprecated"))
        {
            errors.Add("status: Active or Deprecated.");
        }

        Time(pf, "created", errors);
        Urns(pf, "companyIds", errors);
        Urns(pf, "productIds", errors);
        if (!pf.TryGetProperty("pcf", out var pcf) || pcf.ValueKind != JsonValueKind.Object)
        {
            return errors;
        }

        foreach (var field in PcfRequired.Where(f => !pcf.TryGetProperty(f, out _)))
        {
            errors.Add($"pcf.{field}: required.");
        }

        if (Text(pcf, "declaredUnit") is { } unit && !DeclaredUnits.Contains(unit))
        {
            errors.Add($"pcf.declaredUnit: one of {string.Join(", ", DeclaredUnits)}.");
        }

        Decimal(pcf, "unitaryProductAmount", errors, min: 0, exclusive: true);
        Decimal(pcf, "pCfExcludingBiogenic", errors, min: 0);
        Decimal(pcf, "fossilGhgEmissions", errors, min: 0);
        Decimal(pcf, "fossilCarbonContent", errors, min: 0);
        Decimal(pcf, "biogenicCarbonContent", errors, min: 0);
        if (Text(pcf, "characterizationFactors") is { } cf && cf is not ("AR5" or "AR6"))
        {
            errors.Add("pcf.characterizationFactors: AR5 or AR6.");
        }

        if (pcf.TryGetProperty("crossSectoralStandardsUsed", out var standards) && (standards.ValueKind != JsonValueKind.Array || standards.GetArrayLength() == 0))
        {
            errors.Add("pcf.crossSectoralStandardsUsed: a non-empty list.");
        }

        if (pcf.TryGetProperty("exemptedEmissionsPercent", out var exempt) && (exempt.ValueKind != JsonValueKind.Number || exempt.GetDecimal() is < 0 or > 5))
        {
            errors.Add("pcf.exemptedEmissionsPercent: a number from 0 to 5.");
        }

        var start = Time(pcf, "referencePeriodStart", errors);
        var end = Time(pcf, "referencePeriodEnd", errors);
        if (start is not null && end is not null && start >= end)
        {
            errors.Add("pcf.referencePeriodEnd: must be after referencePeriodStart.");
        }

        var share = pcf.TryGetProperty("primaryDataShare", out var s) ? s : (JsonElement?)null;
        var hasDqi = pcf.TryGetProperty("dqi", out var dqi) && dqi.ValueKind == JsonValueKind.Object;
        if (share is { } p && (p.ValueKind != JsonValueKind.Number || p.GetDecimal() is < 0 or > 100))
        {
            errors.Add("pcf.primaryDataShare: a number from 0 to 100.");
        }

        if (share is null && !hasDqi)
        {
            errors.Add("pcf.primaryDataShare or pcf.dqi: at least one is required.");
        }

        if (end is { Year: >= 2025 } && (share is null || !hasDqi))
        {
            errors.Add("pcf: from reference periods ending in 2025 on, both primaryDataShare and dqi are required.");
        }

        if (hasDqi)
        {
            foreach (var dqr in new[] { "technologicalDQR", "temporalDQR", "geographicalDQR" })
            {
                if (!dqi.TryGetProperty(dqr, out var r) || r.ValueKind != JsonValueKind.Number || r.GetDecimal() is < 1 or > 3)
                {
                    errors.Add($"pcf.dqi.{dqr}: a number from 1 to 3.");
                }
            }
        }

        return errors;
    }

    public static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A decimal sent as a JSON string (numbers are refused: PACT keeps decimals exact as strings).</summary>
    public static decimal? DecimalOf(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static void Decimal(JsonElement pcf, string name, List<string> errors, decimal min, bool exclusive = false)
    {
        if (!pcf.TryGetProperty(name, out _))
        {
            return;
        }

        var d = DecimalOf(pcf, name);
        if (d is null)
        {
            errors.Add($"pcf.{name}: a decimal written as a JSON string, e.g. \"1.25\".");
        }
        else if (exclusive ? d <= min : d < min)
        {
            errors.Add($"pcf.{name}: must be {(exclusive ? "greater than" : "at least")} {min}.");
        }
    }

    private static DateTimeOffset? Time(JsonElement e, string name, List<string> errors)
    {
        if (Text(e, name) is not { } text)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) || !text.Contains('T', StringComparison.Ordinal))
        {
            errors.Add($"{name}: an ISO 8601 UTC date-time.");
            return null;
        }

        return t;
    }

    private static void Urns(JsonElement pf, string name, List<string> errors)
    {
        if (!pf.TryGetProperty(name, out var list))
        {
            return;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0 || list.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String || !x.GetString()!.StartsWith("urn:", StringComparison.Ordinal)))
        {
            errors.Add($"{name}: a non-empty list of URNs.");
        }
    }
}
