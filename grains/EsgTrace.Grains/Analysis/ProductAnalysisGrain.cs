using EsgTrace.Domain;
using EsgTrace.Factors;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using EsgTrace.Traceability;
using Orleans.Concurrency;

namespace EsgTrace.Analysis;

/// <summary>
/// Loads the current state of a product, its sub-products, batches, lots (upstream included) and suppliers, then runs the
/// pure calculators. It reads each record's current snapshot, never the event history, so a change anywhere shows in the
/// next analysis at the cost of one read per record involved.
/// </summary>
[StatelessWorker]
public sealed class ProductAnalysisGrain(IIndexStore index) : Grain, IProductAnalysisGrain
{
    public async Task<Outcome<ProductAnalysis>> AnalyzeProduct(string productId, string? dataset)
    {
        var catalog = await FactorCatalogs.ResolveAsync(GrainFactory, dataset);
        if (catalog.Problem is not null)
        {
            return catalog.Problem;
        }

        if (await GrainFactory.GetGrain<IProductGrain>(productId).Get() is null)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such product.", $"Product '{productId}' is not defined.");
        }

        var data = await LoadAsync([productId], []);
        return Outcome<ProductAnalysis>.Ok(ProductAnalyzer.Analyze(productId, data, catalog.Value!));
    }

    public async Task<Outcome<TraceabilityResult>> TraceBatch(string batchId)
    {
        var batch = await GrainFactory.GetGrain<IProductionBatchGrain>(batchId).Get();
        if (batch is null)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such batch.", $"Batch '{batchId}' is not recorded.");
        }

        var data = await LoadAsync([], batch.Batch.InputLotIds);
        return Outcome<TraceabilityResult>.Ok(ProductAnalyzer.Trace("batch:" + batchId, batch.Batch.InputLotIds, data));
    }

    private async Task<SupplyChainSnapshot> LoadAsync(IReadOnlyList<string> productIds, IReadOnlyList<string> lotIds)
    {
        var products = new Dictionary<string, ProductView>();
        var batches = new Dictionary<string, IReadOnlyList<BatchView>>();
        var lots = new Dictionary<string, LotView>();
        var suppliers = new Dictionary<string, SupplierView>();
        var pendingProducts = new Queue<string>(productIds);
        var pendingLots = new Queue<string>(lotIds);
        while (pendingProducts.TryDequeue(out var id))
        {
            if (products.ContainsKey(id) || await GrainFactory.GetGrain<IProductGrain>(id).Get() is not { } product)
            {
                continue;
            }

            products[id] = product;
            foreach (var line in product.Product.Bom.Where(l => l.Kind == Footprints.BomLineKind.SubProduct))
            {
                pendingProducts.Enqueue(line.Ref);
            }

            var productBatches = new List<BatchView>();
            string? after = null;
            do
            {
                var (items, next) = await SupplyChainIndexes.ScanAsync<BatchView>(index, SupplyChainIndexes.Batches, id, after, 500);
                productBatches.AddRange(items);
                after = next;
            }
            while (after is not null);

            batches[id] = productBatches;
            foreach (var lot in productBatches.SelectMany(b => b.Batch.InputLotIds))
            {
                pendingLots.Enqueue(lot);
            }
        }

        while (pendingLots.TryDequeue(out var id))
        {
            if (lots.ContainsKey(id) || await GrainFactory.GetGrain<IMaterialLotGrain>(id).Get() is not { } lot)
            {
                continue;
            }

            lots[id] = lot;
            foreach (var input in lot.Lot.InputLotIds)
            {
                pendingLots.Enqueue(input);
            }

            if (!suppliers.ContainsKey(lot.Lot.SupplierId) && await GrainFactory.GetGrain<ISupplierGrain>(lot.Lot.SupplierId).Get() is { } supplier)
            {
                suppliers[supplier.Id] = supplier;
            }
        }

        return new SupplyChainSnapshot(products, batches, lots, suppliers);
    }
}
