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
    public const string Method = "Cradle-to-gate attributional: materials (quantity × factor) + transport (t × km × mode factor, per leg) + process energy (kWh × location-based grid factor), sub-products recursively.";

    public IReadOnlyDictionary<FootprintStage, decimal> ByStage => Sum(c => c.Stage);

    public IReadOnlyDictionary<string, decimal> ByMaterial => Sum(c => c.MaterialId ?? "(process energy)");

    public IReadOnlyDictionary<string, decimal> BySupplier => Sum(c => c.SupplierId ?? "(own operations)");

    /// <summary>Share (0-1) of the total computed with supplier-specific (primary) factors.</summary>
    public decimal PrimaryDataShare => TotalKgCo2e == 0 ? 0 : Contributions.Where(c => c.FactorKind == FactorSourceKind.Primary).Sum(c => c.KgCo2e) / TotalKgCo2e;

    private Dictionary<TKey, decimal> Sum<TKey>(Func<FootprintContribution, TKey> key) where TKey : notnull
        => Contributions.GroupBy(key).ToDictionary(g => g.Key, g => g.Sum(c => c.KgCo2e));
}
