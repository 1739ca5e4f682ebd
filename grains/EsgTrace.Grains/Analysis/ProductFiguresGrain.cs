using EsgTrace.Domain;
using EsgTrace.Factors;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;

namespace EsgTrace.Analysis;

/// <summary>
/// Keeps one product's figures current. The first read loads the product, its sub-products, their batches, every lot
/// upstream and their suppliers (asking each record to tell it of changes); later reads reload only the records that said
/// they changed and bring the figures up to date from those lots alone (<see cref="ProductFigures"/>; the lots hash
/// themselves once per change). A change of the product or of a batch
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
    private readonly Dictionary<string, ProductFootprint> _footprints = new(StringComparer.Ordinal);
    private ProductTraceability? _traceability;
    private ProductFigures? _figures;
    private DateTime? _loadedAt;
    private long _changes;

    private string Id => this.GetPrimaryKeyString();

    private ProductFigures Figures => _figures ??= new ProductFigures(Id);

    public async Task<Outcome<ProductAnalysis>> Analyze(string? dataset)
    {
        var footprint = await Footprint(dataset);
        if (footprint.Problem is not null)
        {
            return footprint.Problem;
        }

        var traceability = await Traceability();
        if (traceability.Problem is not null)
        {
            return traceability.Problem;
        }

        var f = footprint.Value!;
        var t = traceability.Value!;
        return Outcome<ProductAnalysis>.Ok(new ProductAnalysis(Id, f.ProductName, f.Footprint, f.Problem, f.Lineage, t.Result, t.Lineage, f.Dataset, f.Period));
    }

    public async Task<Outcome<ProductFootprint>> Footprint(string? dataset)
    {
        var catalog = await FactorCatalogs.ResolveAsync(GrainFactory, dataset);
        if (catalog.Problem is not null)
        {
            return catalog.Problem;
        }

        var changesBefore = _changes;
        if (await RefreshAsync() is { } missing)
        {
            return missing;
        }

        var key = catalog.Value!.Dataset.Ref.ToString();
        if (_footprints.TryGetValue(key, out var known))
        {
            return Outcome<ProductFootprint>.Ok(known);
        }

        var footprint = Figures.Footprint(Snapshot(), catalog.Value);
        if (_changes == changesBefore)
        {
            _footprints[key] = footprint;
        }

        return Outcome<ProductFootprint>.Ok(footprint);
    }

    public async Task<Outcome<ProductTraceability>> Traceability()
    {
        var changesBefore = _changes;
        if (await RefreshAsync() is { } missing)
        {
            return missing;
        }

        if (_traceability is { } known)
        {
            return Outcome<ProductTraceability>.Ok(known);
        }

        var traceability = Figures.Traceability(Snapshot());
        if (_changes == changesBefore)
        {
            _traceability = traceability;
        }

        return Outcome<ProductTraceability>.Ok(traceability);
    }

    private SupplyChainSnapshot Snapshot() => new(_products, _batches, _lots, _suppliers);

    public async Task Changed(RecordRef record)
    {
        _changes++;
        _stale.Add(record);
        _footprints.Clear();
        _traceability = null;
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

    /// <summary>Brings the held records up to date; a problem when the product is not defined.</summary>
    private async Task<DomainProblem?> RefreshAsync()
    {
        await ReloadStaleAsync();
        if (!_products.ContainsKey(Id))
        {
            _loadedAt = null;
            return new DomainProblem(ProblemKind.NotFound, "No such product.", $"Product '{Id}' is not defined.");
        }

        return null;
    }

    private async Task ReloadStaleAsync()
    {
        var stale = _stale.ToList();
        _stale.Clear();
        if (_loadedAt is null || DateTime.UtcNow - _loadedAt > ReloadAfter || stale.Any(s => s.Kind is RecordKind.Product or RecordKind.Batches))
        {
            _footprints.Clear();
            _traceability = null;
            var structural = _loadedAt is null || stale.Any(s => s.Kind is not RecordKind.Lot);
            var before = structural ? null : new HeldRecords(_products, _batches, _lots, _suppliers);
            await LoadAllAsync();

            // The periodic reload (a silo may have died holding watchers): when only lots changed, the figures update from them.
            if (before?.ChangedLots(_products, _batches, _lots, _suppliers) is { } changed)
            {
                Figures.LotsChanged(changed);
            }
            else
            {
                Figures.Reset();
            }

            return;
        }

        var lots = stale.Where(s => s.Kind == RecordKind.Lot).Select(s => s.Id).ToList();
        foreach (var supplier in stale.Where(s => s.Kind == RecordKind.Supplier))
        {
            Figures.Reset();
            if (await GrainFactory.GetGrain<ISupplierGrain>(supplier.Id).GetWatched(Id) is { } view)
            {
                _suppliers[view.Id] = view;
            }
        }

        await LoadLotsAsync(lots, reload: true);
        Figures.LotsChanged(lots.Where(_lots.ContainsKey));
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

            var batches = await JsonIndex.ReadAllAsync<BatchView>(index, SupplyChainLists.Batches, id);
            _batches[id] = batches;
            lots.AddRange(batches.SelectMany(b => b.Batch.InputLotIds));
        }

        await LoadLotsAsync(lots, reload: false);
    }

    /// <summary>What was held before a reload, by versions: whether the reload changed anything but lots, and which lots.</summary>
    private sealed class HeldRecords(IReadOnlyDictionary<string, ProductView> products, IReadOnlyDictionary<string, IReadOnlyList<BatchView>> batches, IReadOnlyDictionary<string, LotView> lots, IReadOnlyDictionary<string, SupplierView> suppliers)
    {
        private readonly Dictionary<string, long> _products = products.ToDictionary(p => p.Key, p => p.Value.Version, StringComparer.Ordinal);
        private readonly Dictionary<string, string> _batches = batches.ToDictionary(b => b.Key, b => Key(b.Value), StringComparer.Ordinal);
        private readonly Dictionary<string, LotView> _lots = new(lots, StringComparer.Ordinal);
        private readonly Dictionary<string, long> _suppliers = suppliers.ToDictionary(s => s.Key, s => s.Value.Version, StringComparer.Ordinal);

        /// <summary>The lots whose version or content differs, or null when products, batches, suppliers or the set of lots differ.</summary>
        public List<string>? ChangedLots(IReadOnlyDictionary<string, ProductView> products, IReadOnlyDictionary<string, IReadOnlyList<BatchView>> batches, IReadOnlyDictionary<string, LotView> lots, IReadOnlyDictionary<string, SupplierView> suppliers)
        {
            if (products.Count != _products.Count || products.Any(p => !_products.TryGetValue(p.Key, out var v) || v != p.Value.Version)
                || batches.Count != _batches.Count || batches.Any(b => !_batches.TryGetValue(b.Key, out var k) || k != Key(b.Value))
                || suppliers.Count != _suppliers.Count || suppliers.Any(s => !_suppliers.TryGetValue(s.Key, out var v) || v != s.Value.Version)
                || lots.Count != _lots.Count)
            {
                return null;
            }

            var changed = new List<string>();
            foreach (var (id, view) in lots)
            {
                if (!_lots.TryGetValue(id, out var held))
                {
                    return null;
                }

                if (!ReferenceEquals(held, view) && (held.Version != view.Version || held.ContentSha256 != view.ContentSha256 || held.FirstShippedOn != view.FirstShippedOn || !held.Balance.Overdrawn.SequenceEqual(view.Balance.Overdrawn)))
                {
                    changed.Add(id);
                }
            }

            return changed;
        }

        private static string Key(IReadOnlyList<BatchView> batches) => string.Join("|", batches.Select(b => $"{b.Id}@{b.Version}:{b.WithdrawnReason}"));
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
