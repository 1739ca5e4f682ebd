using EsgTrace.Lineage;
using EsgTrace.SupplyChain;
using EsgTrace.Traceability;

namespace EsgTrace.Analysis;

/// <summary>
/// A product's traceability kept current lot by lot. Built by a full calculation; when the direct input lots' upstream
/// trees share no lot (each lot is concluded under one direct input), a changed lot's tree is concluded again alone: the
/// shares lose its old node's kg and gain the new one's (<see cref="ExactSum"/>), its flags replace its tree's old flags,
/// and the result hash and lineage root change along one Merkle path each. The result is the full calculation's, to the
/// bit; anything else (shared upstream lots, new lots, a changed supplier) rebuilds.
/// </summary>
internal sealed class TraceabilityFigures
{
    private readonly string _productId;
    private readonly Dictionary<string, TraceLot> _lots;
    private readonly Dictionary<string, LotView> _views;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<SupplierCertificate>> _certificates;
    private readonly Dictionary<string, int> _owner = new(StringComparer.Ordinal);
    private readonly string[] _roots;
    private readonly List<TraceFlag>[] _flags;
    private readonly int[] _treeIndex;
    private readonly ExactSum _kg = new();
    private readonly ExactSum _certified = new();
    private readonly ExactSum _recycled = new();
    private readonly ExactSum _traceable = new();
    private readonly MerkleTree _parts;
    private TraceNode[] _tree;

    private TraceabilityFigures(string productId, SupplyChainSnapshot data, IReadOnlyList<string> inputLotIds, Dictionary<string, TraceLot> lots, IReadOnlyDictionary<string, IReadOnlyList<SupplierCertificate>> certificates, ProductTraceability figures, TraceMemo memo, MerkleTree parts)
    {
        var memoKeys = TraceabilityCalculator.MemoKeys(certificates);
        _productId = productId;
        _lots = lots;
        _views = new Dictionary<string, LotView>(data.Lots, StringComparer.Ordinal);
        _certificates = certificates;
        _roots = [.. inputLotIds];
        _flags = new List<TraceFlag>[_roots.Length];
        _treeIndex = new int[_roots.Length];
        var tree = new List<TraceNode>();
        for (var k = 0; k < _roots.Length; k++)
        {
            if (!lots.ContainsKey(_roots[k]))
            {
                _treeIndex[k] = -1;
                _flags[k] = [new TraceFlag(_roots[k], TraceFlagKind.UnknownInputLot, $"Input lot '{_roots[k]}' of {productId} is not recorded.")];
                continue;
            }

            _treeIndex[k] = tree.Count;
            var (node, flags) = TraceabilityCalculator.Subtree(_roots[k], lots, certificates, memo, memoKeys);
            _flags[k] = flags;
            tree.Add(node);
            Move(node, +1);
        }

        _tree = [.. tree];
        _parts = parts;
        Figures = figures;
    }

    public ProductTraceability Figures { get; private set; }

    public static (ProductTraceability Figures, TraceabilityFigures? Kept) Build(string productId, SupplyChainSnapshot data, AnalysisMemo memo, LineageInputs lineage)
    {
        var batches = data.BatchesByProduct.TryGetValue(productId, out var list) ? list : [];
        var inputLotIds = batches.SelectMany(b => b.Batch.InputLotIds).Distinct().ToList();
        var result = ProductAnalyzer.Trace(productId, inputLotIds, data, memo);
        var parts = new MerkleTree(result.Tree.Select(ResultHash.PartHash).ToList());
        var hash = ResultHash.FromMerkle(LineageBuilder.HashOf(ProductAnalyzer.TraceabilityHead(result)), parts.Count, parts.RootHex);
        var figures = new ProductTraceability(productId, result, ProductAnalyzer.TraceabilityLineage(productId, lineage, hash));
        var lots = data.Lots.Values.ToDictionary(l => l.Id, l => memo.TraceLots.TryGetValue(l, out var traced) ? traced.Lot : ProductAnalyzer.ToTraceLot(l, data.Suppliers.TryGetValue(l.Lot.SupplierId, out var s) ? s : null), StringComparer.Ordinal);
        var certificates = TraceabilityCalculator.BySupplier(ProductAnalyzer.Certificates(data));
        var kept = new TraceabilityFigures(productId, data, inputLotIds, lots, certificates, figures, memo.Nodes, parts);
        if (!kept.Disjoint() || !kept.Reproduces(result))
        {
            return (figures, null);
        }

        return (figures, kept);
    }

    /// <summary>Takes the lots' new versions (suppliers, products and batches as before); false when a rebuild is needed.</summary>
    public bool TryUpdate(SupplyChainSnapshot data, IReadOnlyCollection<string> changed, LineageInputs lineage)
    {
        if (data.Lots.Count != _views.Count)
        {
            return false;
        }

        var trees = new SortedSet<int>();
        foreach (var id in changed)
        {
            if (!_views.TryGetValue(id, out var old) || !data.Lots.TryGetValue(id, out var now) || !old.Lot.InputLotIds.SequenceEqual(now.Lot.InputLotIds, StringComparer.Ordinal)
                || !string.Equals(old.Lot.SupplierId, now.Lot.SupplierId, StringComparison.Ordinal))
            {
                return false;
            }

            _views[id] = now;
            _lots[id] = ProductAnalyzer.ToTraceLot(now, data.Suppliers.TryGetValue(now.Lot.SupplierId, out var s) ? s : null);
            if (_owner.TryGetValue(id, out var k))
            {
                trees.Add(k);
            }
        }

        var tree = (TraceNode[])_tree.Clone();
        var flagsChanged = false;
        foreach (var k in trees)
        {
            var (node, flags) = TraceabilityCalculator.Subtree(_roots[k], _lots, _certificates);
            var i = _treeIndex[k];
            Move(tree[i], -1);
            Move(node, +1);
            tree[i] = node;
            _parts.Set(i, ResultHash.PartHash(node));
            flagsChanged |= !flags.SequenceEqual(_flags[k]);
            _flags[k] = flags;
        }

        _tree = tree;
        var previous = Figures.Result;
        var total = Value(_kg, n => TraceabilityCalculator.Kg(n.Lot));
        decimal Share(ExactSum sum, Func<TraceNode, decimal> part) => total == 0 ? 0 : Value(sum, part) / total;
        var result = new TraceabilityResult(
            previous.SubjectId,
            total,
            Share(_certified, n => n.CertifiedKg),
            Share(_recycled, n => n.RecycledKg),
            Share(_traceable, n => n.TraceableToOrigin ? TraceabilityCalculator.Kg(n.Lot) : 0),
            tree,
            flagsChanged ? Flags() : previous.Flags,
            previous.CalculatorVersion);
        var hash = ResultHash.FromMerkle(LineageBuilder.HashOf(ProductAnalyzer.TraceabilityHead(result)), tree.Length, _parts.RootHex);
        Figures = new ProductTraceability(_productId, result, ProductAnalyzer.TraceabilityLineage(_productId, lineage, hash));
        return true;
    }

    private List<TraceFlag> Flags() => _flags.SelectMany(f => f).DistinctBy(f => (f.LotId, f.Kind)).ToList();

    private decimal Value(ExactSum sum, Func<TraceNode, decimal> part)
    {
        if (sum.TryValue(out var value))
        {
            return value;
        }

        decimal folded = 0;
        foreach (var node in _tree)
        {
            folded += part(node);
        }

        return folded;
    }

    private void Move(TraceNode node, int sign)
    {
        var kg = TraceabilityCalculator.Kg(node.Lot);
        Add(_kg, kg, sign);
        Add(_certified, node.CertifiedKg, sign);
        Add(_recycled, node.RecycledKg, sign);
        Add(_traceable, node.TraceableToOrigin ? kg : 0, sign);
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

    /// <summary>Assigns every upstream lot to the direct input it is concluded under; false when one is under two.</summary>
    private bool Disjoint()
    {
        for (var k = 0; k < _roots.Length; k++)
        {
            if (_treeIndex[k] < 0)
            {
                continue;
            }

            var pending = new Stack<string>([_roots[k]]);
            while (pending.TryPop(out var id))
            {
                if (_owner.TryGetValue(id, out var owner))
                {
                    if (owner != k)
                    {
                        return false;
                    }

                    continue;
                }

                _owner[id] = k;
                foreach (var input in _lots[id].InputLotIds)
                {
                    if (_lots.ContainsKey(input))
                    {
                        pending.Push(input);
                    }
                }
            }
        }

        return true;
    }

    /// <summary>The trees concluded one by one give the full calculation's result (a guard: they must).</summary>
    private bool Reproduces(TraceabilityResult full)
        => full.Flags.SequenceEqual(Flags()) && full.Tree.Count == _tree.Length;
}
