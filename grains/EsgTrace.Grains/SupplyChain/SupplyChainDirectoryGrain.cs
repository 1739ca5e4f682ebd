using EsgTrace.Accounts;
using EsgTrace.Storage;
using Orleans.Concurrency;

namespace EsgTrace.SupplyChain;

/// <summary>Stateless reader of the supply-chain indexes; a page costs one range scan, however many records exist.</summary>
[StatelessWorker]
public sealed class SupplyChainDirectoryGrain(IIndexStore index) : Grain, ISupplyChainDirectoryGrain
{
    private static readonly HashSet<string> Indexes = ["claims", SupplyChainIndexes.Suppliers, SupplyChainIndexes.Lots, SupplyChainIndexes.Shipments, SupplyChainIndexes.Products, SupplyChainIndexes.Batches, GreenIt.GreenItIndexes.Workloads, GreenIt.GreenItIndexes.Actions];

    public async Task<Page<T>> List<T>(string indexName, string partition, string? after, int pageSize)
    {
        if (!Indexes.Contains(indexName))
        {
            throw new ArgumentException($"Unknown index '{indexName}'.", nameof(indexName));
        }

        var (items, next) = await SupplyChainIndexes.ScanAsync<T>(index, indexName, partition, after, Math.Clamp(pageSize, 1, DirectoryGrain.MaxPageSize));
        return new Page<T>(items, next);
    }

    public Task<string?> Find(string indexName, string key)
        => indexName is SupplyChainIndexes.LotsByEpc or SupplyChainIndexes.ProductsByGtin or Pact.PactFootprintGrain.Index
            ? SupplyChainIndexes.FindAsync(index, indexName, key)
            : throw new ArgumentException($"Unknown identifier index '{indexName}'.", nameof(indexName));
}
