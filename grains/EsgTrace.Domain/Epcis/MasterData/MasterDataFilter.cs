using System.Collections.Frozen;
using System.Text.Json;
using EsgTrace.Epcis.Query;

namespace EsgTrace.Epcis;

/// <summary>
/// A query's master-data conditions resolved once, before any event is read: for each field, the set of element ids its value
/// must be among (WD_ expanded to every descendant; EQATTR_/HASATTR_ to the elements whose attributes qualify). Several
/// conditions on one field intersect; conditions on different fields all hold (AND), like every other parameter.
/// </summary>
public sealed class MasterDataFilter
{
    /// <summary>Sets of at most this many ids narrow the index scan to their entries (EQ_bizLocation-style) instead of scanning every event.</summary>
    public const int NarrowLimit = 64;

    private readonly IReadOnlyList<(MasterDataField Field, FrozenSet<string> Allowed)> _fields;

    public MasterDataFilter(IReadOnlyDictionary<string, IReadOnlySet<string>> allowedByField)
    {
        _fields = allowedByField.Select(p => (MasterDataField.Named(p.Key)!, p.Value.ToFrozenSet(StringComparer.Ordinal))).ToList();
    }

    /// <summary>The ids allowed for a field, or null when no condition names it.</summary>
    public IReadOnlySet<string>? Allowed(string field) => _fields.FirstOrDefault(f => f.Field.Name == field).Allowed;

    /// <summary>Some field admits no element at all: no event can match.</summary>
    public bool MatchesNothing => _fields.Any(f => f.Allowed.Count == 0);

    public bool Matches(JsonElement e)
    {
        foreach (var (field, allowed) in _fields)
        {
            if (!field.ValuesOf(e).Any(allowed.Contains))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The query to choose index entries by: where the query names no location or class of its own, a small resolved set
    /// takes that place (every matching event is indexed under one of its ids). Matching still applies every condition.
    /// </summary>
    public EpcisQuery Narrow(EpcisQuery q)
    {
        var locations = Allowed("bizLocation");
        var readPoints = Allowed("readPoint");
        var classes = Allowed("epcClass");
        var fields = q.Criteria.OfType<StandardFieldCriterion>().Select(c => c.Field).ToHashSet();
        var namesClass = q.Criteria.OfType<EpcMatchCriterion>().Any(c => c.IsClass);
        if (!fields.Contains(StandardField.BizLocation) && locations is { Count: > 0 and <= NarrowLimit })
        {
            return q.And(new StandardFieldCriterion(StandardField.BizLocation, [.. locations]));
        }

        if (!fields.Contains(StandardField.ReadPoint) && readPoints is { Count: > 0 and <= NarrowLimit })
        {
            return q.And(new StandardFieldCriterion(StandardField.ReadPoint, [.. readPoints]));
        }

        return !namesClass && classes is { Count: > 0 and <= NarrowLimit }
            ? q.And(new EpcMatchCriterion(EpcRole.AnyEpcClass, [.. classes], []))
            : q;
    }
}
