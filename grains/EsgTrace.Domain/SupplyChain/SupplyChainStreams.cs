namespace EsgTrace.SupplyChain;

/// <summary>Event-log stream names of the supply-chain aggregates.</summary>
public static class SupplyChainStreams
{
    public static string Supplier(string id) => "supplier/" + id;

    public static string Lot(string id) => "lot/" + id;

    public static string Shipment(string id) => "shipment/" + id;

    public static string Product(string id) => "product/" + id;

    public static string Batch(string id) => "batch/" + id;
}
