using EsgTrace.Epcis.Query;

namespace EsgTrace.Epcis;

/// <summary>
/// Reads the EPCIS 2.0 SimpleEventQuery parameters (REST binding: URL query string; named queries: their stored parameter
/// list) into an <see cref="EpcisQuery"/>. Each name is read by the first of <see cref="EpcisQueryParameterFamilies.All"/>
/// that claims it; an unknown or unsupported name, a bad value or a forbidden combination is a QueryParameterException,
/// never a silently ignored filter.
/// </summary>
public static class EpcisQueryParser
{
    /// <param name="parameters">Each parameter name with the values given for it (a name may come more than once).</param>
    /// <param name="fixedEpc">An EPC the resource path fixes (/epcs/{epc}/events): the event must name it in any EPC field.</param>
    public static (EpcisQuery? Query, EpcisProblem? Problem) Parse(IEnumerable<KeyValuePair<string, string?[]>> parameters, IReadOnlyList<string>? fixedEpc = null)
    {
        var grouped = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, raw) in parameters)
        {
            (grouped.TryGetValue(name, out var list) ? list : grouped[name] = []).AddRange(raw.Where(v => v is not null).Select(v => v!));
        }

        var draft = new QueryDraft();
        foreach (var (name, raw) in grouped)
        {
            var family = EpcisQueryParameterFamilies.All.FirstOrDefault(f => f.Claims(name));
            if (family is null)
            {
                return Fail($"'{name}' is not a supported query parameter. Supported: {string.Join("; ", EpcisQueryParameterFamilies.All.Select(f => f.Describe).Where(d => d.Length > 0))}.");
            }

            if (family.Read(new QueryParameter(name, raw), draft) is { } error)
            {
                return Fail(error);
            }
        }

        if (fixedEpc is { Count: > 0 })
        {
            draft.Criteria.Add(EpcMatchParameters.Criterion(EpcRole.AnyEpc, fixedEpc).Criterion);
        }

        // The standard: eventCountLimit and maxEventCount exclude each other, and eventCountLimit needs orderBy.
        if (draft.EventCountLimit is not null && draft.MaxEventCount is not null)
        {
            return Fail("'eventCountLimit' and 'maxEventCount' exclude each other; give one.");
        }

        if (draft.EventCountLimit is not null && draft.Order is null)
        {
            return Fail("'eventCountLimit' needs 'orderBy' (it keeps the first N events in that order).");
        }

        var order = draft.Order is { } o ? o with { Descending = draft.Descending ?? true } : null;
        return (new EpcisQuery(draft.Criteria, order, draft.EventCountLimit, draft.MaxEventCount, draft.PerPage, draft.NextPageToken) { MasterData = draft.MasterData }, null);
    }

    private static (EpcisQuery?, EpcisProblem?) Fail(string detail) => (null, new EpcisProblem(EpcisProblem.QueryParameter, "The query is not valid.", detail));
}
