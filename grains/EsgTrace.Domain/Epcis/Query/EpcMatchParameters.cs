namespace EsgTrace.Epcis.Query;

/// <summary>MATCH_epc, MATCH_parentID, MATCH_inputEPC, MATCH_outputEPC, MATCH_anyEPC and MATCH_epcClass, MATCH_inputEPCClass, MATCH_outputEPCClass, MATCH_anyEPCClass: EPCs, Digital Links and urn:epc:idpat: patterns.</summary>
public sealed class EpcMatchParameters : QueryParameterFamily
{
    private static readonly Dictionary<string, EpcRole> Roles = new(StringComparer.Ordinal)
    {
        ["MATCH_epc"] = EpcRole.Epc, ["MATCH_parentID"] = EpcRole.ParentId, ["MATCH_inputEPC"] = EpcRole.InputEpc, ["MATCH_outputEPC"] = EpcRole.OutputEpc,
        ["MATCH_anyEPC"] = EpcRole.AnyEpc, ["MATCH_epcClass"] = EpcRole.EpcClass, ["MATCH_inputEPCClass"] = EpcRole.InputEpcClass,
        ["MATCH_outputEPCClass"] = EpcRole.OutputEpcClass, ["MATCH_anyEPCClass"] = EpcRole.AnyEpcClass,
    };

    public override string Describe => string.Join(", ", Roles.Keys);

    public override bool Claims(string name) => Roles.ContainsKey(name);

    public override string? Read(QueryParameter parameter, QueryDraft draft)
    {
        var (values, error) = parameter.List();
        if (error is not null)
        {
            return error;
        }

        var (criterion, patternError) = Criterion(Roles[parameter.Name], values);
        draft.Criteria.Add(criterion);
        return patternError is null ? null : $"'{parameter.Name}': {patternError}";
    }

    /// <summary>The criterion for these values: patterns parsed, the rest canonical identifiers.</summary>
    public static (EpcMatchCriterion Criterion, string? Error) Criterion(EpcRole role, IEnumerable<string> values)
    {
        var exact = new List<string>();
        var patterns = new List<EpcPattern>();
        foreach (var v in values)
        {
            if (!EpcPattern.IsPattern(v))
            {
                exact.Add(EpcisTerms.Identifier(v));
                continue;
            }

            var (pattern, error) = EpcPattern.Parse(v);
            if (pattern is null)
            {
                return (new EpcMatchCriterion(role, [], []), error);
            }

            patterns.Add(pattern);
        }

        return (new EpcMatchCriterion(role, [.. exact.Distinct(StringComparer.Ordinal)], patterns), null);
    }
}
