using EsgTrace.Factors;

namespace EsgTrace.SupplyChain;

/// <summary>
/// The names of the lists a client may page through (<see cref="ISupplyChainDirectoryGrain.List{T}"/>) and of their
/// partitions. Where and how the rows are stored is the grains' business (SupplyChainIndexes, ShipmentList).
/// </summary>
public static class SupplyChainLists
{
    public const string Suppliers = "suppliers";
    public const string Lots = "lots";
    public const string Shipments = "shipments";
    public const string Products = "products";
    public const string Batches = "batches";

    /// <summary>The partition of a list that is not partitioned (and, for shipments, every mode merged).</summary>
    public const string All = "all";

    /// <summary>Lots by their GS1 identifier (canonical Digital Link), for EPCIS events that name them.</summary>
    public const string LotsByEpc = "lotsbyepc";

    /// <summary>Products by GTIN-14, for EPCIS events that name them.</summary>
    public const string ProductsByGtin = "productsbygtin";

    /// <summary>Issued PACT footprints by footprint id (the value is the product id).</summary>
    public const string PactFootprints = "pactfootprints";

    /// <summary>Lots by the supplier they come from (partition <see cref="SupplierPartition"/>), so a supplier lists its own lots only.</summary>
    public const string LotsBySupplier = "lotsbysupplier";

    /// <summary>The partition of one supplier's rows in a list kept per supplier.</summary>
    public static string SupplierPartition(string supplierId) => "supplier:" + supplierId;

    /// <summary>The shipments of one transport mode.</summary>
    public static string ModePartition(TransportMode mode) => "mode:" + mode.ToString().ToLowerInvariant();

    /// <summary>The filter that lists one lot's shipments (a filter name: no rows are stored under it).</summary>
    public static string LotPartition(string lotId) => "lot:" + lotId;

    /// <summary>A GTIN as the 14 digits the products-by-GTIN list is keyed by.</summary>
    public static string? Gtin14(string? gtin) => gtin is null ? null : gtin.PadLeft(14, '0');
}
