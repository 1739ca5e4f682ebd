namespace EsgTrace.SupplierPortal;

/// <summary>The lists of the supplier portal and their partitions (listed through <see cref="SupplyChain.ISupplyChainDirectoryGrain"/>).</summary>
public static class SupplierPortalLists
{
    /// <summary>Requests to suppliers: partition <see cref="SupplyChain.SupplyChainLists.All"/> for the brand, <see cref="Of"/> for one supplier.</summary>
    public const string Requests = "supplierrequests";

    /// <summary>The partition of one supplier's rows (<see cref="SupplyChain.SupplyChainLists.SupplierPartition"/>).</summary>
    public static string Of(string supplierId) => SupplyChain.SupplyChainLists.SupplierPartition(supplierId);
}
