using System.Runtime.CompilerServices;
using EsgTrace.Factors;

namespace EsgTrace.Footprints;

/// <summary>
/// A footprint's breakdowns (by stage, material lot and supplier, each key in the order its first term appears, each sum
/// an in-order fold of its terms) and the sum of its primary-data terms. Held beside the list of terms they were made
/// from (weakly, by that list object), so a result whose breakdowns were kept current term by term never groups its terms
/// again; a list without one is grouped once, when first asked.
/// </summary>
public sealed record FootprintBreakdowns(
    IReadOnlyDictionary<FootprintStage, decimal> ByStage,
    IReadOnlyDictionary<string, decimal> ByMaterial,
    IReadOnlyDictionary<string, decimal> BySupplier,
    decimal PrimaryKgCo2e)
{
    public const string OwnOperations = "(own operations)";

    public const string ProcessEnergy = "(process energy)";

    private static readonly ConditionalWeakTable<IReadOnlyList<FootprintContribution>, FootprintBreakdowns> Known = new();

    /// <summary>The breakdowns of <paramref name="terms"/>: the ones attached to that list, else grouped from it.</summary>
    public static FootprintBreakdowns For(IReadOnlyList<FootprintContribution> terms) => Known.GetValue(terms, Of);

    /// <summary>Attaches breakdowns kept current elsewhere to the list of terms they sum (they must equal <see cref="Of"/>).</summary>
    public static void Attach(IReadOnlyList<FootprintContribution> terms, FootprintBreakdowns breakdowns) => Known.AddOrUpdate(terms, breakdowns);

    /// <summary>The breakdowns grouped from the terms.</summary>
    public static FootprintBreakdowns Of(IReadOnlyList<FootprintContribution> terms)
        => new(Sum(terms, c => c.Stage), Sum(terms, MaterialKey), Sum(terms, SupplierKey), terms.Where(c => c.FactorKind == FactorSourceKind.Primary).Sum(c => c.KgCo2e));

    public static string MaterialKey(FootprintContribution c) => c.MaterialId ?? ProcessEnergy;

    public static string SupplierKey(FootprintContribution c) => c.SupplierId ?? OwnOperations;

    private static Dictionary<TKey, decimal> Sum<TKey>(IReadOnlyList<FootprintContribution> terms, Func<FootprintContribution, TKey> key) where TKey : notnull
        => terms.GroupBy(key).ToDictionary(g => g.Key, g => g.Sum(c => c.KgCo2e));
}
