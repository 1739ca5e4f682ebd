namespace EsgTrace.Traceability;

/// <summary>
/// Nodes of lots made from no other lot, already concluded, by the traced lot object (reused while its lot and supplier are
/// unchanged; compared by reference) and its supplier's certificates. A hit is the same conclusion. Figures kept current
/// pass one memo to every calculation; entries the latest calculations did not use are swept now and then.
/// </summary>
public sealed class TraceMemo
{
    private readonly Dictionary<TraceLot, (string Certificates, TraceNode Node, TraceFlag[] Flags, int Round)> _nodes = new(ReferenceEqualityComparer.Instance);
    private int _round;
    private int _used;

    public bool TryGet(TraceLot lot, string certificates, out (TraceNode Node, TraceFlag[] Flags) found)
    {
        if (_nodes.TryGetValue(lot, out var entry) && string.Equals(entry.Certificates, certificates, StringComparison.Ordinal))
        {
            _nodes[lot] = entry with { Round = _round };
            _used++;
            found = (entry.Node, entry.Flags);
            return true;
        }

        found = default;
        return false;
    }

    public void Add(TraceLot lot, string certificates, TraceNode node, TraceFlag[] flags)
    {
        _nodes[lot] = (certificates, node, flags, _round);
        _used++;
    }

    /// <summary>Starts a calculation; sweeps what earlier ones left once the memo holds twice what the last one used.</summary>
    public void Next()
    {
        if (_nodes.Count > 2 * Math.Max(_used, 64))
        {
            foreach (var (lot, entry) in _nodes)
            {
                if (entry.Round != _round)
                {
                    _nodes.Remove(lot);
                }
            }
        }

        _round++;
        _used = 0;
    }
}
