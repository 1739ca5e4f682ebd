using System.Globalization;
using EsgTrace.Factors;
using EsgTrace.SupplyChain;

namespace EsgTrace.SupplierPortal;

/// <summary>
/// The rules of a supplier's footprint answer (PACT v3 field rules as far as a lot's factor needs them), and how an
/// accepted answer becomes the lot's primary factor.
/// </summary>
public static class FootprintAnswerRules
{
    /// <summary>PACT v3 <c>declaredUnitOfMeasurement</c> values.</summary>
    public static IReadOnlyList<string> DeclaredUnits { get; } = ["liter", "kilogram", "cubic meter", "kilowatt hour", "megajoule", "ton kilometer", "square meter", "piece", "hour", "megabit second"];

    public static Validation Check(FootprintAnswer answer)
    {
        var v = new Validation()
            .Check(Guid.TryParseExact(answer.Id ?? string.Empty, "D", out _), "id", "'id' is the footprint's id in PACT: a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.")
            .Check(answer.Version is null or >= 0, "version", "'version' (PACT v2.x) is a whole number from 0.")
            .Check(DeclaredUnits.Contains(answer.DeclaredUnitOfMeasurement ?? string.Empty), "declaredUnitOfMeasurement", $"'declaredUnitOfMeasurement' is one of {string.Join(", ", DeclaredUnits)} (PACT v3).")
            .Check(answer.DeclaredUnitAmount > 0, "declaredUnitAmount", "'declaredUnitAmount' is greater than zero: how many declared units the footprint is for (1 for a bulk product per kilogram).")
            .Check(answer.ProductMassPerDeclaredUnit > 0, "productMassPerDeclaredUnit", "'productMassPerDeclaredUnit' is the mass in kg of the declared unit; a lot's factor is per kg, so it must be greater than zero.")
            .Check(answer.DeclaredUnitOfMeasurement != "kilogram" || answer.ProductMassPerDeclaredUnit == answer.DeclaredUnitAmount, "productMassPerDeclaredUnit", "With the declared unit 'kilogram', 'productMassPerDeclaredUnit' equals 'declaredUnitAmount'.")
            .Check(answer.PcfExcludingBiogenicUptake >= 0, "pcfExcludingBiogenicUptake", "'pcfExcludingBiogenicUptake' (kg CO2e per declared unit) must be zero or more to serve as a lot's emission factor.")
            .Check(answer.PcfIncludingBiogenicUptake is null || answer.PcfIncludingBiogenicUptake <= answer.PcfExcludingBiogenicUptake, "pcfIncludingBiogenicUptake", "'pcfIncludingBiogenicUptake' is 'pcfExcludingBiogenicUptake' plus the biogenic CO2 uptake, which is zero or negative: it cannot be larger.")
            .Check(answer.ReferencePeriodEnd > answer.ReferencePeriodStart, "referencePeriodEnd", "'referencePeriodEnd' (exclusive) must be after 'referencePeriodStart'.")
            .Text(answer.Comment, "comment", 1000, required: false);
        return v;
    }

    /// <summary>kg CO2e per kg of the lot: pcfExcludingBiogenicUptake (per declared unit) ÷ productMassPerDeclaredUnit (kg per declared unit).</summary>
    public static decimal KgCo2ePerKg(FootprintAnswer answer) => answer.PcfExcludingBiogenicUptake / answer.ProductMassPerDeclaredUnit;

    /// <summary>
    /// The lot's primary factor from an accepted answer, its source naming the PCF, the figures it came from, the request
    /// and the attached document's SHA-256 (so the lot's lineage hash covers them).
    /// </summary>
    public static LotFactorInput ToLotFactor(FootprintAnswer answer, string requestId, string? documentSha256)
    {
        var version = answer.Version is { } n ? $" v{n}" : string.Empty;
        var source = string.Create(CultureInfo.InvariantCulture,
            $"PACT PCF {answer.Id}{version}: {Plain(answer.PcfExcludingBiogenicUptake)} kg CO2e excl. biogenic uptake per {Plain(answer.DeclaredUnitAmount)} {answer.DeclaredUnitOfMeasurement} ({Plain(answer.ProductMassPerDeclaredUnit)} kg), {answer.ReferencePeriodStart:uuuu-MM-dd} to {answer.ReferencePeriodEnd:uuuu-MM-dd}; supplier request {requestId}");
        if (documentSha256 is not null)
        {
            source += "; document sha256 " + documentSha256;
        }

        return new LotFactorInput(FactorSourceKind.Primary, KgCo2ePerKg(answer), "kg", source.Length <= 300 ? source : source[..299] + "…", null);
    }

    private static string Plain(decimal value) => Units.Numbers.Plain(value);
}
