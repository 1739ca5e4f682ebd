using EsgTrace.Footprints;
using EsgTrace.Lineage;
using EsgTrace.Traceability;

namespace EsgTrace.Analysis;

/// <summary>
/// What one product's figures keep between calculations so only changed inputs cost anything: terms (with their formula
/// text), traceability nodes of raw-material lots, input hashes and traced lots. Held by the product's figures grain; a
/// calculation without one starts from nothing and gives the same result.
/// </summary>
public sealed class AnalysisMemo
{
    public TermMemo Terms { get; } = new();

    public TraceMemo Nodes { get; } = new();

    public InputHashCache Hashes { get; } = new();

    /// <summary>Per lot view (views are immutable, reused until their lot changes; compared by reference): its mass in kg, its transport lot and, for a lot made from no other lot, its intensity.</summary>
    internal Dictionary<SupplyChain.LotView, (decimal Kg, TransportLot Transport, TransportIntensity? RawIntensity)> Lots { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Material sources per lot view, with the dataset and intensity they were made with (reused while all three match).</summary>
    internal Dictionary<SupplyChain.LotView, (string Dataset, TransportIntensity Intensity, MaterialSource Source)> Materials { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Traced lots per lot view, with the supplier view they were made with.</summary>
    internal Dictionary<SupplyChain.LotView, (SupplyChain.SupplierView? Supplier, TraceLot Lot)> TraceLots { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Drops what belongs to lot views no longer held, once a memo holds twice the lots in use.</summary>
    internal static void Sweep<TValue>(Dictionary<SupplyChain.LotView, TValue> memo, IReadOnlyDictionary<string, SupplyChain.LotView> current)
    {
        if (memo.Count <= 2 * Math.Max(current.Count, 64))
        {
            return;
        }

        foreach (var view in memo.Keys.ToList())
        {
            if (!current.TryGetValue(view.Id, out var held) || !ReferenceEquals(held, view))
            {
                memo.Remove(view);
            }
        }
    }
}
