using EsgTrace.Factors;
using EsgTrace.Footprints;
using EsgTrace.Lineage;
using EsgTrace.SupplyChain;
using EsgTrace.Units;

namespace EsgTrace.Analysis;

/// <summary>
/// A product's footprint with one factor dataset, kept current lot by lot. Built by a full calculation; after that, when
/// lots change without changing what the calculation is made of (their mass, material and input lots), only the terms of
/// those lots and of the lots made from them are computed again: the total and the breakdowns lose the old terms and gain
/// the new ones (<see cref="ExactSum"/>), the result hash and the lineage root change along one Merkle path each. The result
/// is the full calculation's, to the bit; anything else (a new lot, a new breakdown key, a problem) rebuilds.
/// </summary>
internal sealed class FootprintFigures
{
    private readonly string _productId;
    private readonly FactorCatalog _catalog;
    private readonly Dictionary<string, LotView> _views;
    private readonly Dictionary<string, TransportLot> _transportLots;
    private readonly Dictionary<string, TransportIntensity> _intensities;
    private readonly Dictionary<string, List<string>> _madeInto = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MaterialSource> _materials;
    private readonly List<TermSegment> _segments;
    private readonly Dictionary<string, List<int>> _segmentsOf = new(StringComparer.Ordinal);
    private readonly ExactSum _total = new();
    private readonly ExactSum _primary = new();
    private readonly Dictionary<FootprintStage, ExactSum> _byStage = [];
    private readonly Dictionary<string, ExactSum> _byMaterial = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExactSum> _bySupplier = new(StringComparer.Ordinal);
    private FootprintContribution[] _terms;
    private MerkleTree _parts;
    private OrderedBreakdown<FootprintStage> _stageBreakdown;
    private OrderedBreakdown<string> _materialBreakdown;
    private OrderedBreakdown<string> _supplierBreakdown;

    private FootprintFigures(string productId, FactorCatalog catalog, SupplyChainSnapshot data, FootprintInputs inputs, FootprintResult result, List<TermSegment> segments, Dictionary<string, TransportLot> transportLots, IReadOnlyDictionary<string, TransportIntensity> intensities, ProductFootprint figures, MerkleTree parts)
    {
        _productId = productId;
        _catalog = catalog;
        _views = new Dictionary<string, LotView>(data.Lots, StringComparer.Ordinal);
        _transportLots = transportLots;
        _intensities = new Dictionary<string, TransportIntensity>(intensities, StringComparer.Ordinal);
        _materials = new Dictionary<string, MaterialSource>(inputs.Materials, StringComparer.Ordinal);
        _segments = segments;
        _terms = [.. result.Contributions];
        foreach (var lot in data.Lots.Values)
        {
            foreach (var input in lot.Lot.InputLotIds.Distinct())
            {
                (_madeInto.TryGetValue(input, out var into) ? into : _madeInto[input] = []).Add(lot.Id);
            }
        }

        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].MaterialId is { } material)
            {
                (_segmentsOf.TryGetValue(material, out var list) ? list : _segmentsOf[material] = []).Add(i);
            }
        }

        foreach (var term in _terms)
        {
            Move(term, +1);
        }

        // The sums were created in the order their first terms came: the grouping's key order. Attached to the result's
        // terms, they spare every reader the grouping.
        _stageBreakdown = new OrderedBreakdown<FootprintStage>(_byStage.ToDictionary(kv => kv.Key, kv => Value(kv.Value, c => c.Stage == kv.Key)));
        _materialBreakdown = new OrderedBreakdown<string>(_byMaterial.ToDictionary(kv => kv.Key, kv => MaterialValue(kv.Key), StringComparer.Ordinal));
        _supplierBreakdown = new OrderedBreakdown<string>(_bySupplier.ToDictionary(kv => kv.Key, kv => Value(kv.Value, c => FootprintBreakdowns.SupplierKey(c) == kv.Key), StringComparer.Ordinal));
        FootprintBreakdowns.Attach(result.Contributions, new FootprintBreakdowns(_stageBreakdown, _materialBreakdown, _supplierBreakdown, Value(_primary, c => c.FactorKind == FactorSourceKind.Primary)));
        _parts = parts;
        Figures = figures;
    }

    public ProductFootprint Figures { get; private set; }

    /// <summary>A full calculation, kept for updates (null when the footprint cannot be computed: a rebuild each time).</summary>
    public static (ProductFootprint Figures, FootprintFigures? Kept) Build(string productId, SupplyChainSnapshot data, FactorCatalog catalog, AnalysisMemo memo, LineageInputs lineage)
    {
        var product = data.Products[productId];
        var batches = data.BatchesByProduct.TryGetValue(productId, out var list) ? list : [];
        var period = batches.Count == 0 ? null : new ReportingPeriod(batches.Min(b => b.Batch.ProducedAt.Date), batches.Max(b => b.Batch.ProducedAt.Date), batches.Count);
        try
        {
            var inputs = ProductAnalyzer.FootprintInputs(data, catalog, memo, out var transportLots, out var intensities);
            var segments = new List<TermSegment>();
            var result = FootprintCalculator.Calculate(productId, inputs, FootprintCalculator.Version, memo.Terms, segments);
            var parts = new MerkleTree(result.Contributions.Select(ResultHash.PartHash).ToList());
            var hash = ResultHash.FromMerkle(LineageBuilder.HashOf(ProductAnalyzer.FootprintHead(result)), parts.Count, parts.RootHex);
            var record = ProductAnalyzer.FootprintLineage(productId, result, lineage, hash);
            var figures = new ProductFootprint(productId, product.Product.Name, result, null, record, catalog.Dataset.Ref, period);
            var cyclic = HasCycle(data.Lots);
            return (figures, cyclic ? null : new FootprintFigures(productId, catalog, data, inputs, result, segments, transportLots, intensities, figures, parts));
        }
        catch (FootprintException ex)
        {
            return (new ProductFootprint(productId, product.Product.Name, null, ex.Message, null, catalog.Dataset.Ref, period), null);
        }
    }

    /// <summary>Takes the lots' new versions (the rest of <paramref name="data"/> as before); false when a rebuild is needed.</summary>
    public bool TryUpdate(SupplyChainSnapshot data, IReadOnlyCollection<string> changed, LineageInputs lineage)
    {
        if (data.Lots.Count != _views.Count)
        {
            return false;
        }

        foreach (var id in changed)
        {
            if (!_views.TryGetValue(id, out var old) || !data.Lots.TryGetValue(id, out var now) || !SameShape(old, now))
            {
                return false;
            }
        }

        // The changed lots, then the lots made from them (inputs before what is made of them).
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var affected = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(changed);
        while (pending.TryPop(out var id))
        {
            if (affected.Add(id) && _madeInto.TryGetValue(id, out var into))
            {
                foreach (var next in into)
                {
                    pending.Push(next);
                }
            }
        }

        void Visit(string id)
        {
            if (!seen.Add(id))
            {
                return;
            }

            foreach (var input in _views[id].Lot.InputLotIds)
            {
                if (affected.Contains(input))
                {
                    Visit(input);
                }
            }

            order.Add(id);
        }

        foreach (var id in affected)
        {
            Visit(id);
        }

        var replaced = new List<(int Segment, FootprintContribution[] Terms)>();
        try
        {
            foreach (var id in order)
            {
                var view = data.Lots[id];
                if (changed.Contains(id))
                {
                    _transportLots[id] = new TransportLot(id, ProductAnalyzer.Kg(view), view.Transport, view.Lot.InputLotIds);
                }

                _intensities[id] = TransportAllocation.Recompute(_transportLots[id], _transportLots, i => _intensities[i]);
                if (!_segmentsOf.TryGetValue(id, out var segments))
                {
                    continue;
                }

                var material = ProductAnalyzer.Material(view, _catalog, _intensities[id]);
                _materials[id] = material;
                foreach (var s in segments)
                {
                    var segment = _segments[s];
                    var terms = new List<FootprintContribution>(segment.Count + 1);
                    FootprintCalculator.MaterialTerms(material, segment.QuantityPerUnit, segment.Scale, segment.Path, _catalog, null, terms);
                    replaced.Add((s, [.. terms]));
                }
            }
        }
        catch (Exception ex) when (ex is FootprintException or UnitMismatchException or MissingFactorException)
        {
            return false;
        }

        foreach (var id in changed)
        {
            _views[id] = data.Lots[id];
        }

        return Apply(replaced, lineage);
    }

    /// <summary>Puts new terms in place of their segments' old ones and brings sums, hashes and lineage up to date.</summary>
    private bool Apply(List<(int Segment, FootprintContribution[] Terms)> replaced, LineageInputs lineage)
    {
        var terms = (FootprintContribution[])_terms.Clone();
        var keys = new HashSet<object>();
        var reshaped = false;
        foreach (var (s, fresh) in replaced)
        {
            var segment = _segments[s];
            for (var i = 0; i < segment.Count; i++)
            {
                Move(terms[segment.Start + i], -1, keys);
            }

            foreach (var term in fresh)
            {
                Move(term, +1, keys);
            }

            reshaped |= fresh.Length != segment.Count;
        }

        // A key gained or lost its last term: the breakdown's key order changes; rebuild.
        foreach (var key in keys)
        {
            var (sum, held) = key switch
            {
                FootprintStage stage => (_byStage[stage], _stageBreakdown.ContainsKey(stage)),
                ValueTuple<string, string> { Item1: "m" } m => (_byMaterial[m.Item2], _materialBreakdown.ContainsKey(m.Item2)),
                ValueTuple<string, string> { Item1: "s" } x => (_bySupplier[x.Item2], _supplierBreakdown.ContainsKey(x.Item2)),
                _ => throw new InvalidOperationException(),
            };
            if (sum.Count == 0 || !held)
            {
                return false;
            }
        }

        if (reshaped)
        {
            var fresh = replaced.ToDictionary(r => r.Segment, r => r.Terms);
            var list = new List<FootprintContribution>(terms.Length + 8);
            for (var s = 0; s < _segments.Count; s++)
            {
                var segment = _segments[s];
                var start = list.Count;
                list.AddRange(fresh.TryGetValue(s, out var f) ? f : terms.AsSpan(segment.Start, segment.Count).ToArray());
                _segments[s] = segment with { Start = start, Count = list.Count - start };
            }

            terms = [.. list];
            _parts = new MerkleTree(terms.Select(ResultHash.PartHash).ToList());
        }
        else
        {
            foreach (var (s, fresh) in replaced)
            {
                var start = _segments[s].Start;
                for (var i = 0; i < fresh.Length; i++)
                {
                    terms[start + i] = fresh[i];
                    _parts.Set(start + i, ResultHash.PartHash(fresh[i]));
                }
            }
        }

        _terms = terms;
        _stageBreakdown = _stageBreakdown.With(keys.OfType<FootprintStage>().Select(k => KeyValuePair.Create(k, Value(_byStage[k], c => c.Stage == k))));
        _materialBreakdown = _materialBreakdown.With(keys.OfType<(string, string)>().Where(k => k.Item1 == "m").Select(k => KeyValuePair.Create(k.Item2, MaterialValue(k.Item2))));
        _supplierBreakdown = _supplierBreakdown.With(keys.OfType<(string, string)>().Where(k => k.Item1 == "s").Select(k => KeyValuePair.Create(k.Item2, Value(_bySupplier[k.Item2], c => FootprintBreakdowns.SupplierKey(c) == k.Item2))));
        var old = Figures.Footprint!;
        var result = new FootprintResult(old.ProductId, old.DeclaredUnit, Value(_total, _ => true), terms, old.Dataset, old.CalculatorVersion);
        FootprintBreakdowns.Attach(terms, new FootprintBreakdowns(_stageBreakdown, _materialBreakdown, _supplierBreakdown, Value(_primary, c => c.FactorKind == FactorSourceKind.Primary)));
        var hash = ResultHash.FromMerkle(LineageBuilder.HashOf(ProductAnalyzer.FootprintHead(result)), terms.Length, _parts.RootHex);
        Figures = Figures with { Footprint = result, Lineage = ProductAnalyzer.FootprintLineage(_productId, result, lineage, hash) };
        return true;
    }

    /// <summary>The in-order fold of the terms a sum holds: from the exact sum when that is sure to be the same, else folded again.</summary>
    private decimal Value(ExactSum sum, Func<FootprintContribution, bool> member)
    {
        if (sum.TryValue(out var value))
        {
            return value;
        }

        decimal folded = 0;
        foreach (var term in _terms)
        {
            if (member(term))
            {
                folded += term.KgCo2e;
            }
        }

        return folded;
    }

    /// <summary>As <see cref="Value"/> for one material key, folding only its own segments' terms when it must fold.</summary>
    private decimal MaterialValue(string key)
    {
        if (_byMaterial[key].TryValue(out var value) || !_segmentsOf.TryGetValue(key, out var segments))
        {
            return _byMaterial[key].TryValue(out value) ? value : Value(_byMaterial[key], c => FootprintBreakdowns.MaterialKey(c) == key);
        }

        decimal folded = 0;
        foreach (var s in segments)
        {
            var segment = _segments[s];
            for (var i = segment.Start; i < segment.Start + segment.Count; i++)
            {
                folded += _terms[i].KgCo2e;
            }
        }

        return folded;
    }

    private void Move(FootprintContribution term, int sign, HashSet<object>? keys = null)
    {
        Add(_total, term.KgCo2e, sign);
        if (term.FactorKind == FactorSourceKind.Primary)
        {
            Add(_primary, term.KgCo2e, sign);
        }

        Add(Sum(_byStage, term.Stage), term.KgCo2e, sign);
        Add(Sum(_byMaterial, FootprintBreakdowns.MaterialKey(term)), term.KgCo2e, sign);
        Add(Sum(_bySupplier, FootprintBreakdowns.SupplierKey(term)), term.KgCo2e, sign);
        keys?.Add(term.Stage);
        keys?.Add(("m", FootprintBreakdowns.MaterialKey(term)));
        keys?.Add(("s", FootprintBreakdowns.SupplierKey(term)));
    }

    private static void Add(ExactSum sum, decimal value, int sign)
    {
        if (sign > 0)
        {
            sum.Add(value);
        }
        else
        {
            sum.Remove(value);
        }
    }

    private static ExactSum Sum<TKey>(Dictionary<TKey, ExactSum> sums, TKey key) where TKey : notnull
        => sums.TryGetValue(key, out var sum) ? sum : sums[key] = new ExactSum();

    /// <summary>Same material, mass (to the decimal's scale) and input lots: the calculation's shape is unchanged.</summary>
    internal static bool SameShape(LotView old, LotView now)
        => string.Equals(old.Lot.Material, now.Lot.Material, StringComparison.Ordinal)
           && old.Lot.Quantity == now.Lot.Quantity && old.Lot.Quantity.Scale == now.Lot.Quantity.Scale
           && string.Equals(old.Lot.Unit, now.Lot.Unit, StringComparison.Ordinal)
           && old.Lot.InputLotIds.SequenceEqual(now.Lot.InputLotIds, StringComparer.Ordinal);

    /// <summary>Whether any lot is its own ancestor (then transport allocation depends on the order it meets lots: rebuild).</summary>
    internal static bool HasCycle(IReadOnlyDictionary<string, LotView> lots)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path; true: done
        bool Cyclic(string id)
        {
            if (state.TryGetValue(id, out var done))
            {
                return !done;
            }

            state[id] = false;
            foreach (var input in lots[id].Lot.InputLotIds)
            {
                if (lots.ContainsKey(input) && Cyclic(input))
                {
                    return true;
                }
            }

            state[id] = true;
            return false;
        }

        return lots.Keys.Any(Cyclic);
    }
}
