using EsgTrace.Domain;
using EsgTrace.Factors;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;

namespace EsgTrace.Analysis;

/// <summary>
/// Keeps one product's figures current. The first read loads the product, its sub-products, their batches, every lot
/// upstream and their suppliers (asking each record to tell it of changes); later reads reload only the records that said
/// they changed and recompute from memory (the lots hash themselves once per change). A change of the product or of a batch
/// list reloads everything. Memory only: a new activation, or a load older than <see cref="ReloadAfter"/> (a silo that died
/// holding a record's list of watchers), starts from storage again.
/// </summary>
public sealed class ProductFiguresGrain(IIndexStore index) : Grain, IProductFiguresGrain
{
    /// <summary>Bounds how long figures can miss a change whose record lost its watchers in a silo crash.</summary>
    private static readonly TimeSpan ReloadAfter = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, ProductView> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<BatchView>> _batches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LotView> _lots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SupplierView> _suppliers = new(StringComparer.Ordinal);
    private readonly HashSet<RecordRef> _stale = [];
    private readonly HashSet<string> _batchWatchers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProductAnalysis> _analyses = new(StringComparer.Ordinal);
    private readonly AnalysisMemo _memo = new();
    private DateTime? _loadedAt;
    private long _changes;

    private string Id => this.GetPrimaryKeyString();

    public async Task<Outcome<ProductAnalysis>> Analyze(string? dataset)
    {
        var catalog = await FactorCatalogs.ResolveAsync(GrainFactory, dataset);
        if (catalog.Problem is not null)
        {
            return catalog.Problem;
        }

        var changesBefore = _changes;
        await RefreshAsync();
        if (!_products.ContainsKey(Id))
        {
            _loadedAt = null;
            return new DomainProblem(ProblemKind.NotFound, "No such product.", $"Product '{Id}' is not defined.");
        }

        var key = catalog.Value!.Dataset.Ref.ToString();
        if (_analyses.TryGetValue(key, out var known))
        {
            return Outcome<ProductAnalysis>.Ok(known);
        }

        var analysis = ProductAnalyzer.Analyze(Id, new SupplyChainSnapshot(_products, _batches, _lots, _suppliers), catalog.Value, _memo);
        if (_changes == changesBefore)
        {
            _analyses[key] = analysis;
        }

        return Outcome<ProductAnalysis>.Ok(analysis);
    }

    public async Task Changed(RecordRef record)
    {
        _changes++;
        _stale.Add(record);
        _analyses.Clear();
        if (record.Kind == RecordKind.Batches && _batchWatchers.Count > 0)
        {
            await Task.WhenAll(_batchWatchers.Select(w => GrainFactory.GetGrain<IProductFiguresGrain>(w).Changed(record)));
        }
    }

    public Task WatchBatches(string watcher)
    {
        _batchWatchers.Add(watcher);
        return Task.CompletedTask;
    }

    private async Task RefreshAsync()
    {
        var stale = _stale.ToList();
        _stale.Clear();
        if (_loadedAt is null || DateTime.UtcNow - _loadedAt > ReloadAfter || stale.Any(s => s.Kind is RecordKind.Product or RecordKind.Batches))
        {
            await LoadAllAsync();
            return;
        }

        var lots = stale.Where(s => s.Kind == RecordKind.Lot).Select(s => s.Id).ToList();
        foreach (var supplier in stale.Where(s => s.Kind == RecordKind.Supplier))
        {
            if (await GrainFactory.GetGrain<ISupplierGrain>(supplier.Id).GetWatched(Id) is { } view)
            {
                _suppliers[view.Id] = view;
            }
        }

        await LoadLotsAsync(lots, reload: true);
    }

    private async Task LoadAllAsync()
    {
        _products.Clear();
        _batches.Clear();
        _lots.Clear();
        _suppliers.Clear();
        _loadedAt = DateTime.UtcNow;
        var pending = new Queue<string>([Id]);
        var lots = new List<string>();
        while (pending.TryDequeue(out var id))
        {
            if (_products.ContainsKey(id) || await GrainFactory.GetGrain<IProductGrain>(id).GetWatched(Id) is not { } product)
            {
                continue;
            }

            _products[id] = product;
            if (id != Id)
            {
                await GrainFactory.GetGrain<IProductFiguresGrain>(id).WatchBatches(Id);
            }

            foreach (var line in product.Product.Bom.Where(l => l.Kind == Footprints.BomLineKind.SubProduct))
            {
                pending.Enqueue(line.Ref);
            }

            var batches = await JsonIndex.ReadAllAsync<BatchView>(index, SupplyChainIndexes.Batches, id);
            _batches[id] = batches;
            lots.AddRange(batches.SelectMany(b => b.Batch.InputLotIds));
        }

        await LoadLotsAsync(lots, reload: false);
    }

    /// <summary>Loads lots level by level (each level's reads in parallel), then their inputs and suppliers not yet held.</summary>
    private async Task LoadLotsAsync(IReadOnlyCollection<string> ids, bool reload)
    {
        var level = ids.Distinct().Where(id => reload || !_lots.ContainsKey(id)).ToList();
        while (level.Count > 0)
        {
            var views = await Task.WhenAll(level.Select(id => GrainFactory.GetGrain<IMaterialLotGrain>(id).GetWatched(Id)));
            var next = new List<string>();
            var suppliers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var lot in views.OfType<LotView>())
            {
                _lots[lot.Id] = lot;
                next.AddRange(lot.Lot.InputLotIds.Where(i => !_lots.ContainsKey(i)));
                if (!_suppliers.ContainsKey(lot.Lot.SupplierId))
                {
                    suppliers.Add(lot.Lot.SupplierId);
                }
            }

            foreach (var supplier in await Task.WhenAll(suppliers.Select(s => GrainFactory.GetGrain<ISupplierGrain>(s).GetWatched(Id))))
            {
                if (supplier is not null)
                {
                    _suppliers[supplier.Id] = supplier;
                }
            }

            level = next.Distinct().ToList();
        }
    }
}
