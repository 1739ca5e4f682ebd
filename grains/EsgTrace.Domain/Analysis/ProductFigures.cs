using EsgTrace.Factors;

namespace EsgTrace.Analysis;

/// <summary>
/// One product's figures kept between reads (what its figures grain holds). Told which lots changed since the last read
/// (<see cref="LotsChanged"/>), it updates the footprint (per factor dataset), the traceability and their lineage from
/// those lots alone when it can, else computes them again in full; either way the result is what
/// <see cref="ProductAnalyzer"/> gives from nothing. After a change of anything else (product, batches, suppliers), or
/// when lots were added, <see cref="Reset"/>.
/// </summary>
public sealed class ProductFigures(string productId)
{
    private readonly AnalysisMemo _memo = new();
    private readonly Dictionary<string, (FootprintFigures Figures, HashSet<string> Pending)> _footprints = new(StringComparer.Ordinal);
    private readonly HashSet<string> _lineagePending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tracePending = new(StringComparer.Ordinal);
    private TraceabilityFigures? _traceability;
    private LineageInputs? _lineage;

    public string ProductId => productId;

    /// <summary>How many reads were answered by an update rather than a full calculation (for tests and benchmarks).</summary>
    public int Updates { get; private set; }

    /// <summary>These lots have new versions in the data the next reads pass (same ids; anything else: <see cref="Reset"/>).</summary>
    public void LotsChanged(IEnumerable<string> lotIds)
    {
        foreach (var id in lotIds)
        {
            _lineagePending.Add(id);
            _tracePending.Add(id);
            foreach (var (_, kept) in _footprints)
            {
                kept.Pending.Add(id);
            }
        }
    }

    /// <summary>Forgets what was kept: the next reads compute in full.</summary>
    public void Reset()
    {
        _footprints.Clear();
        _traceability = null;
        _lineage = null;
        _lineagePending.Clear();
        _tracePending.Clear();
    }

    public ProductFootprint Footprint(SupplyChainSnapshot data, FactorCatalog catalog)
    {
        var lineage = Lineage(data);
        var key = catalog.Dataset.Ref.ToString();
        if (_footprints.TryGetValue(key, out var kept))
        {
            var changed = kept.Pending.ToList();
            kept.Pending.Clear();
            if (changed.Count == 0 || kept.Figures.TryUpdate(data, changed, lineage))
            {
                Updates += changed.Count == 0 ? 0 : 1;
                return kept.Figures.Figures;
            }

            _footprints.Remove(key);
        }

        var (figures, fresh) = FootprintFigures.Build(productId, data, catalog, _memo, lineage);
        if (fresh is not null)
        {
            if (_footprints.Count >= 4)
            {
                _footprints.Clear();
            }

            _footprints[key] = (fresh, new HashSet<string>(StringComparer.Ordinal));
        }

        return figures;
    }

    public ProductTraceability Traceability(SupplyChainSnapshot data)
    {
        var lineage = Lineage(data);
        var changed = _tracePending.ToList();
        _tracePending.Clear();
        if (_traceability is { } kept)
        {
            if (changed.Count == 0 || kept.TryUpdate(data, changed, lineage))
            {
                Updates += changed.Count == 0 ? 0 : 1;
                return kept.Figures;
            }
        }

        var (figures, fresh) = TraceabilityFigures.Build(productId, data, _memo, lineage);
        _traceability = fresh;
        return figures;
    }

    private LineageInputs Lineage(SupplyChainSnapshot data)
    {
        var changed = _lineagePending.ToList();
        _lineagePending.Clear();
        if (_lineage is null || _lineage.Lots != data.Lots.Count || (changed.Count > 0 && (!changed.All(data.Lots.ContainsKey) || !_lineage.TryUpdate(changed.Select(id => data.Lots[id])))))
        {
            _lineage = LineageInputs.Of(data, _memo.Hashes);
        }

        return _lineage;
    }
}
