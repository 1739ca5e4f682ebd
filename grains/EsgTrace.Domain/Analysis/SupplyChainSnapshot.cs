using EsgTrace.SupplyChain;

namespace EsgTrace.Analysis;

/// <summary>The records an analysis reads, as loaded at one moment: products, their batches, lots (upstream included), suppliers.</summary>
public sealed record SupplyChainSnapshot(
    IReadOnlyDictionary<string, ProductView> Products,
    IReadOnlyDictionary<string, IReadOnlyList<BatchView>> BatchesByProduct,
    IReadOnlyDictionary<string, LotView> Lots,
    IReadOnlyDictionary<string, SupplierView> Suppliers);
