using System.Text.Json;

namespace EsgTrace.Pact;

/// <summary>
/// A supplier's PACT footprint as a lot's primary emission factor. Lots are measured by mass, so the factor is kg CO2e
/// per kilogram: v2.3 only "kilogram" footprints (pCfExcludingBiogenic, per kilogram); v3.0
/// pcfExcludingBiogenicUptake ÷ the kilograms of one declared unit: declaredUnitAmount for "kilogram", else
/// productMassPerDeclaredUnit (the mass of declaredUnitAmount units) when it is above 0. The excluding-uptake figure is
/// used because our footprints do not account biogenic uptake (the same basis on both sides).
/// </summary>
public static class PactLotFactor
{
    public static Outcome<decimal?> PerKilogramV2(JsonElement pf)
    {
        var pcf = pf.GetProperty("pcf");
        if (PactFieldRules.Text(pcf, "declaredUnit") != "kilogram")
        {
            return DomainProblem.Invalid("pcf.declaredUnit", "Lots are measured by mass, so only footprints declared per kilogram can become a lot's factor.");
        }

        // v2.3 states pCfExcludingBiogenic per declared unit, here one kilogram.
        return Outcome<decimal?>.Ok(PactFieldRules.DecimalOf(pcf, "pCfExcludingBiogenic")!.Value);
    }

    public static Outcome<decimal?> PerKilogramV3(JsonElement pf)
    {
        var pcf = pf.GetProperty("pcf");
        var excluding = PactDecimal.Of(pcf, "pcfExcludingBiogenicUptake")!.Value;
        var unit = pcf.GetProperty("declaredUnitOfMeasurement").GetString();
        var kg = unit == "kilogram" ? PactDecimal.Of(pcf, "declaredUnitAmount")!.Value : PactDecimal.Of(pcf, "productMassPerDeclaredUnit")!.Value;
        if (kg <= 0)
        {
            return DomainProblem.Invalid("pcf.productMassPerDeclaredUnit", $"Lots are measured by mass: a footprint per {unit} needs productMassPerDeclaredUnit above 0 to become a lot's factor.");
        }

        return Outcome<decimal?>.Ok(Math.Round(excluding / kg, 9, MidpointRounding.AwayFromZero));
    }

    /// <summary>The factor's source text (at most 300 characters; the id, version, partner and document hash first).</summary>
    public static string Source(JsonElement pf, string sha256, string? origin)
    {
        var spec = PactFieldRules.Text(pf, "specVersion");
        var version = pf.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32()
            : pf.TryGetProperty("precedingPfIds", out var p) && p.ValueKind == JsonValueKind.Array ? p.GetArrayLength() + 1 : 1;
        var pcf = pf.GetProperty("pcf");
        var basis = spec?.StartsWith("3.", StringComparison.Ordinal) == true ? "pcfExcludingBiogenicUptake per kilogram" : "pCfExcludingBiogenic per kilogram";
        var text = $"PACT ProductFootprint {PactFieldRules.Text(pf, "id")} version {version} (spec {spec})" + (origin is null ? string.Empty : $" from {origin}")
            + $"; document SHA-256 {sha256}; by {PactFieldRules.Text(pf, "companyName")}, {PactFieldRules.Text(pcf, "referencePeriodStart")} to {PactFieldRules.Text(pcf, "referencePeriodEnd")}, {basis}";
        return text.Length > 300 ? text[..300] : text;
    }
}
