using System.Text.Json;
using EsgTrace.Storage;
using EsgTrace.Time;

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

    public static Task PutAsync<T>(IIndexStore index, string name, string key, T value, string partition = All)
        => index.PutAsync(name, partition, key, JsonSerializer.SerializeToUtf8Bytes(value, EsgJson.Options));

    public static async Task<(IReadOnlyList<T> Items, string? Next)> ScanAsync<T>(IIndexStore index, string name, string partition, string? after, int pageSize)
    {
        var page = await index.ScanAsync(name, partition, after, null, pageSize);
        return (page.Entries.Select(e => JsonSerializer.Deserialize<T>(e.Value.Span, EsgJson.Options)!).ToList(), page.NextAfterKey);
    }
}
