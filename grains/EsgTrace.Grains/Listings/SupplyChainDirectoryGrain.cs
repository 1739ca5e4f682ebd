using EsgTrace.SupplyChain;
using EsgTrace.Accounts;
using EsgTrace.Storage;
using Orleans.Concurrency;

namespace EsgTrace.Listings;

/// <summary>Stateless reader of the supply-chain indexes; a page costs a bounded number of range scans or reads, however many records exist.</summary>
[StatelessWorker]
public sealed class SupplyChainDirectoryGrain(IIndexStore index) : Grain, ISupplyChainDirectoryGrain
{
    private static readonly HashSet<string> Indexes = ["claims", SupplyChainLists.Suppliers, SupplyChainLists.Lots, SupplyChainLists.Shipments, SupplyChainLists.Products, SupplyChainLists.Batches, GreenIt.GreenItIndexes.Workloads, GreenIt.GreenItIndexes.Actions, SupplyChainLists.LotsBySupplier, SupplierPortal.SupplierPortalLists.Requests];

    public async Task<Page<T>> List<T>(string indexName, string partition, string? after, int pageSize)
    {
        if (!Indexes.Contains(indexName))
        {
            throw new ArgumentException($"Unknown index '{indexName}'.", nameof(indexName));
        }

        pageSize = Math.Clamp(pageSize, 1, DirectoryGrain.MaxPageSize);
        // Shipments and lots are not one range scan of a stored list any more (see ShipmentList and LotList).
        switch (indexName)
        {
            case SupplyChainLists.Shipments:
                return As<T>(await ShipmentList.PageAsync(index, GrainFactory, partition, after, pageSize));
            case SupplyChainLists.Lots:
                return As<T>(await LotList.PageAsync(index, GrainFactory, after, pageSize));
            default:
                var (items, next) = await SupplyChainIndexes.ScanAsync<T>(index, indexName, partition, after, pageSize);
                return new Page<T>(items, next);
        }
    }

    private static Page<T> As<T>(object page)
        => page as Page<T> ?? throw new ArgumentException($"This index lists {page.GetType().GetGenericArguments()[0].Name}, not {typeof(T).Name}.", nameof(T));

    public Task<string?> Find(string indexName, string key)
        => indexName is SupplyChainLists.LotsByEpc or SupplyChainLists.ProductsByGtin or Pact.PactFootprintGrain.Index
            ? SupplyChainIndexes.FindAsync(index, indexName, key)
            : throw new ArgumentException($"Unknown identifier index '{indexName}'.", nameof(indexName));
}
