using EsgTrace.Storage;

namespace EsgTrace.SupplyChain;

/// <summary>The index entries that list supply-chain records without loading their grains.</summary>
public static class SupplyChainIndexes
{
    public const string Suppliers = "suppliers";
    public const string Lots = "lots";
    public const string Shipments = "shipments";
    public const string Products = "products";
    public const string Batches = "batches";
    public const string All = "all";

    public static Task PutAsync<T>(IIndexStore index, string name, string key, T value, string partition = All) => JsonIndex.PutAsync(index, name, partition, key, value);

    public static Task<(IReadOnlyList<T> Items, string? Next)> ScanAsync<T>(IIndexStore index, string name, string partition, string? after, int pageSize)
        => JsonIndex.ScanAsync<T>(index, name, partition, after, pageSize);
}
