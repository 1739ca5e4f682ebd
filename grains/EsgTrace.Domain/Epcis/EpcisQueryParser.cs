using System.Globalization;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>Reads the EPCIS 2.0 REST query parameters; an unknown parameter or a bad value is a QueryParameterException.</summary>
public static class EpcisQueryParser
{
    public static readonly string[] Known =
    [
        "eventType", "GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime", "EQ_bizStep", "EQ_disposition", "EQ_bizLocation",
        "EQ_readPoint", "MATCH_epc", "MATCH_anyEPC", "MATCH_parentID", "MATCH_inputEPC", "MATCH_outputEPC", "MATCH_epcClass",
        "MATCH_anyEPCClass", "EXISTS_errorDeclaration", "eventID", "EQ_eventID", "perPage", "nextPageToken",
    ];

    /// <summary>Parameters that take a list: the REST binding's pipe syntax (a|b) and the comma syntax (a,b) both separate values.</summary>
    public static readonly string[] ListValued =
    [
        "eventType", "EQ_bizStep", "EQ_disposition", "EQ_bizLocation", "EQ_readPoint", "MATCH_epc", "MATCH_anyEPC", "MATCH_parentID",
        "MATCH_inputEPC", "MATCH_outputEPC", "MATCH_epcClass", "MATCH_anyEPCClass", "eventID", "EQ_eventID",
    ];

    private static readonly char[] Separators = ['|', ','];

    public static (EpcisQuery? Query, EpcisProblem? Problem) Parse(IEnumerable<KeyValuePair<string, string?[]>> parameters, IReadOnlyList<string>? fixedEpc = null)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var masterData = new List<MasterDataCondition>();
        foreach (var (name, raw) in parameters)
        {
            if (MasterDataQueryParameters.Handles(name))
            {
                var (condition, error) = MasterDataQueryParameters.Read(name, raw);
                if (error is not null)
                {
                    return Fail(error);
                }

                masterData.Add(condition!);
                continue;
            }

            if (!Known.Contains(name, StringComparer.Ordinal))
            {
                return Fail(EpcisStandardQueryParameters.IsStandard(name)
                    ? $"'{name}' is a standard EPCIS 2.0 query parameter this repository does not support yet; it is refused rather than ignored. Supported: {string.Join(", ", Known)}."
                    : $"'{name}' is not a supported query parameter. Supported: {string.Join(", ", Known)}.");
            }

            var list = values.TryGetValue(name, out var l) ? l : values[name] = [];
            foreach (var v in raw.Where(v => v is not null))
            {
                if (!ListValued.Contains(name, StringComparer.Ordinal))
                {
                    list.Add(v!);
                    continue;
                }

                var items = v!.Split(Separators, StringSplitOptions.TrimEntries);
                if (items.Any(string.IsNullOrEmpty))
                {
                    return Fail($"'{name}' has an empty value; give one or more values separated by '|' (or ',').");
                }

                list.AddRange(items);
            }
        }

        List<string> Get(string name, Func<string, string>? normalise = null)
            => values.TryGetValue(name, out var l) ? l.Select(normalise ?? (x => x)).Distinct(StringComparer.Ordinal).ToList() : [];

        (Instant? Value, string? Error) Time(string name)
        {
            if (!values.TryGetValue(name, out var l) || l.Count == 0)
            {
                return (null, null);
            }

            return DateTimeOffset.TryParse(l[^1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && l[^1].Contains('T', StringComparison.Ordinal)
                ? (Instant.FromDateTimeOffset(t), null)
                : (null, $"'{name}' must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T00:00:00Z.");
        }

        var perPage = EpcisQuery.DefaultPerPage;
        if (values.TryGetValue("perPage", out var pp) && pp.Count > 0 && (!int.TryParse(pp[^1], NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage is < 1 or > EpcisQuery.MaxPerPage))
        {
            return Fail($"'perPage' must be a whole number from 1 to {EpcisQuery.MaxPerPage}.");
        }

        bool? exists = null;
        if (values.TryGetValue("EXISTS_errorDeclaration", out var ex))
        {
            var last = ex.Count > 0 ? ex[^1] : string.Empty;
            if (last.Length > 0 && !bool.TryParse(last, out _))
            {
                return Fail("'EXISTS_errorDeclaration' takes no value, or true / false.");
            }

            exists = last.Length == 0 || bool.Parse(last);
        }

        var times = new[] { "GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime" }.Select(Time).ToArray();
        if (times.FirstOrDefault(t => t.Error is not null).Error is { } timeError)
        {
            return Fail(timeError);
        }

        var token = values.TryGetValue("nextPageToken", out var tk) && tk.Count > 0 ? tk[^1] : null;
        if (token is not null && EpcisPageToken.Decode(token) is null)
        {
            return Fail("'nextPageToken' is not a token this repository issued; start again without it.");
        }

        var query = new EpcisQuery(
            Get("eventType"), times[0].Value, times[1].Value, times[2].Value, times[3].Value,
            Get("EQ_bizStep", EpcisTerms.BizStepValue), Get("EQ_disposition", EpcisTerms.DispositionValue),
            Get("EQ_bizLocation", EpcisTerms.Identifier), Get("EQ_readPoint", EpcisTerms.Identifier),
            Get("MATCH_epc", EpcisTerms.Identifier), [.. Get("MATCH_anyEPC", EpcisTerms.Identifier), .. (fixedEpc ?? []).Select(EpcisTerms.Identifier)],
            Get("MATCH_parentID", EpcisTerms.Identifier), Get("MATCH_inputEPC", EpcisTerms.Identifier), Get("MATCH_outputEPC", EpcisTerms.Identifier),
            Get("MATCH_epcClass", EpcisTerms.Identifier), Get("MATCH_anyEPCClass", EpcisTerms.Identifier),
            exists, [.. Get("eventID"), .. Get("EQ_eventID")], perPage, token) { MasterData = masterData };
        var unknownType = query.EventTypes.FirstOrDefault(t => t is not ("ObjectEvent" or "AggregationEvent" or "TransactionEvent" or "TransformationEvent" or "AssociationEvent"));
        return unknownType is not null ? Fail($"'{unknownType}' is not an EPCIS event type.") : (query, null);
    }

    private static (EpcisQuery?, EpcisProblem?) Fail(string detail) => (null, new EpcisProblem(EpcisProblem.QueryParameter, "The query is not valid.", detail));
}
