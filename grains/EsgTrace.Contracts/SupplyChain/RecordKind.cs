namespace EsgTrace.SupplyChain;

/// <summary>The kinds of record a product's figures are computed from; a change to one of them makes the figures stale.</summary>
public enum RecordKind
{
    Product,
    Batches,
    Lot,
    Supplier,
}
