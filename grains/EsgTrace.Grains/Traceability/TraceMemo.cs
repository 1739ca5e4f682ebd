namespace EsgTrace.Traceability;

/// <summary>
/// Nodes of lots made from no other lot, already concluded, by the lot as traced and the certificates of its supplier (a
/// hit is the same conclusion). Figures kept current pass one memo to every calculation; entries the latest calculation
/// did not use are dropped at the next one.
/// </summary>
public sealed class TraceMemo
{
    private Dictionary<(TraceLot Lot, string Certificates), (TraceNode Node, TraceFlag[] Flags)> _current = [];
    private Dictionary<(TraceLot Lot, string Certificates), (TraceNode Node, TraceFlag[] Flags)> _previous = [];

    public bool TryGet(TraceLot lot, string certificates, out (TraceNode Node, TraceFlag[] Flags) found)
    {
        if (_current.TryGetValue((lot, certificates), out found) || _previous.Remove((lot, certificates), out found))
        {
            _current[(lot, certificates)] = found;
            return true;
        }

        return false;
    }

    public void Add(TraceLot lot, string certificates, TraceNode node, TraceFlag[] flags) => _current[(lot, certificates)] = (node, flags);

    /// <summary>Starts a calculation: what the last one did not use is forgotten.</summary>
    public void Next()
    {
        _previous = _current;
        _current = new(_previous.Count);
    }
}
