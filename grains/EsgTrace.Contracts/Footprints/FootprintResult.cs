using EsgTrace.Factors;

namespace EsgTrace.Footprints;

/// <summary>A cradle-to-gate product carbon footprint per declared unit, with its terms, breakdowns and what it was computed with.</summary>
[GenerateSerializer, Immutable, Alias("esg.footprint-result")]
public sealed record FootprintResult(
    string ProductId,
    string DeclaredUnit,
    decimal TotalKgCo2e,
    IReadOnlyList<FootprintContribution> Contributions,
    DatasetRef Dataset,
    string CalculatorVersion)
{
    public const string Unit = "kg CO2e per declared unit";
    public const string Method = "Cradle-to-gate attributional (GHG Protocol Product Standard / ISO 14067): materials (quantity × factor) + transport allocated by shipped mass (ISO 14083 / GLEC: quantity in kg × the lot's tonne-km per kg, which is the sum over the shipments that carried it of their mass × distance ÷ the lot's mass, inherited from input lots by mass, × the mode factor) + process energy (kWh × location-based grid factor), sub-products recursively.";

    /// <summary>The method text of <see cref="FootprintCalculator.LegacyVersion"/>, for results computed with it.</summary>
    public const string LegacyMethod = "Cradle-to-gate attributional: materials (quantity × factor) + transport (t × km × mode factor, per leg) + process energy (kWh × location-based grid factor), sub-products recursively.";

    /// <summary>The method of the calculator version this result was computed with.</summary>
    public string MethodText => CalculatorVersion == FootprintCalculator.LegacyVersion ? LegacyMethod : Method;

    public IReadOnlyDictionary<FootprintStage, decimal> ByStage => FootprintBreakdowns.For(Contributions).ByStage;

    public IReadOnlyDictionary<string, decimal> ByMaterial => FootprintBreakdowns.For(Contributions).ByMaterial;

    public IReadOnlyDictionary<string, decimal> BySupplier => FootprintBreakdowns.For(Contributions).BySupplier;

    /// <summary>Share (0-1) of the total computed with supplier-specific (primary) factors.</summary>
    public decimal PrimaryDataShare => TotalKgCo2e == 0 ? 0 : FootprintBreakdowns.For(Contributions).PrimaryKgCo2e / TotalKgCo2e;
}
