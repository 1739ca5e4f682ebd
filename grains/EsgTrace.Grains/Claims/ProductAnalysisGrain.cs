using EsgTrace.Analysis;
using EsgTrace.Domain;
using EsgTrace.Factors;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using EsgTrace.Traceability;
using Orleans.Concurrency;

namespace EsgTrace.Claims;

/// <summary>
/// The analyses of claim scopes: a product's own figures come from its <see cref="IProductFiguresGrain"/> (kept current);
/// a batch or a portfolio, and a batch's traceability, load the current state of the records involved and run the pure
/// calculators (one read per record, never the event history).
/// </summary>
[StatelessWorker]
public sealed class ProductAnalysisGrain(IIndexStore index) : Grain, IProductAnalysisGrain
{
    // One product's figures are kept current by its own grain (which resolves the dataset); this one composes scopes and batches.
    public Task<Outcome<ProductAnalysis>> AnalyzeProduct(string productId, string? dataset)
        => GrainFactory.GetGrain<IProductFiguresGrain>(productId).Analyze(dataset);

    public async Task<Outcome<ProductAnalysis>> AnalyzeScope(Claims.ClaimScope scope, string productId, IReadOnlyList<string> subjects)
    {
        switch (scope)
        {
            case Claims.ClaimScope.Product:
                return await AnalyzeProduct(productId, null);
            case Claims.ClaimScope.Batch:
                var batch = subjects.Count == 1 ? await GrainFactory.GetGrain<IProductionBatchGrain>(subjects[0]).Get() : null;
                if (batch is null || batch.Batch.ProductId != productId)
                {
                    return DomainProblem.Invalid("subjects", $"A batch claim names one recorded batch of product '{productId}'.");
                }

                var data = await LoadAsync([productId], []);
                var only = data with { BatchesByProduct = new Dictionary<string, IReadOnlyList<BatchView>>(data.BatchesByProduct) { [productId] = [batch] } };
                var analysis = ProductAnalyzer.Analyze(productId, only, FactorCatalog.Starter);
                return Outcome<ProductAnalysis>.Ok(analysis with { ProductName = $"{analysis.ProductName}, batch {batch.Id}" });
            default:
                foreach (var id in subjects)
                {
                    if (await GrainFactory.GetGrain<IProductGrain>(id).Get() is null)
                    {
                        return DomainProblem.Invalid("subjects", $"Product '{id}' of the portfolio is not defined.");
                    }
                }

                return Outcome<ProductAnalysis>.Ok(ProductAnalyzer.AnalyzePortfolio(productId, subjects, await LoadAsync(subjects, []), FactorCatalog.Starter));
        }
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

            var productBatches = await JsonIndex.ReadAllAsync<BatchView>(index, SupplyChainLists.Batches, id);
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
