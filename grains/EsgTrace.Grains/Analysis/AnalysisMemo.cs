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

    /// <summary>Each lot view's mass in kg (views are immutable, reused until their lot changes).</summary>
    internal Dictionary<SupplyChain.LotView, decimal> Kg { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Traced lots by the lot view and supplier view they were made from (views are immutable, reused until changed).</summary>
    internal Dictionary<(SupplyChain.LotView Lot, SupplyChain.SupplierView? Supplier), TraceLot> TraceLots { get; } = [];
}
