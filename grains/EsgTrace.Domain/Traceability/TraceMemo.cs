namespace EsgTrace.Traceability;

/// <summary>
/// Nodes of lots made from no other lot, already concluded, by the traced lot object (reused while its lot and supplier are
/// unchanged; compared by reference) and its supplier's certificates. A hit is the same conclusion. Figures kept current
/// pass one memo to every calculation; entries the latest calculations did not use are swept now and then.
/// </summary>
public sealed class TraceMemo
{
    private readonly Domain.RoundMemo<TraceLot, (string Certificates, TraceNode Node, TraceFlag[] Flags)> _nodes = new(ReferenceEqualityComparer.Instance);

    public bool TryGet(TraceLot lot, string certificates, out (TraceNode Node, TraceFlag[] Flags) found)
    {
        if (_nodes.TryGet(lot, out var entry) && string.Equals(entry.Certificates, certificates, StringComparison.Ordinal))
        {
            found = (entry.Node, entry.Flags);
            return true;
        }

        found = default;
        return false;
    }

    public void Add(TraceLot lot, string certificates, TraceNode node, TraceFlag[] flags) => _nodes.Set(lot, (certificates, node, flags));

    /// <summary>Starts a calculation.</summary>
    public void Next() => _nodes.Next();
}
