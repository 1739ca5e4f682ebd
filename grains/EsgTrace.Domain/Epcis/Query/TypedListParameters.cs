using EsgTrace.Epcis.Hashing;

namespace EsgTrace.Epcis.Query;

/// <summary>EQ_bizTransaction_{type}, EQ_source_{type}, EQ_destination_{type} (type a CBV bare word or a URI).</summary>
public sealed class TypedListParameters : QueryParameterFamily
{
    private static readonly (string Prefix, TypedList List)[] Prefixes =
        [("EQ_bizTransaction_", TypedList.BizTransaction), ("EQ_source_", TypedList.Source), ("EQ_destination_", TypedList.Destination)];

    public override string Describe => "EQ_bizTransaction_{type}, EQ_source_{type}, EQ_destination_{type}";

    public override bool Claims(string name) => Prefixes.Any(p => name.StartsWith(p.Prefix, StringComparison.Ordinal) && name.Length > p.Prefix.Length);

    public override string? Read(QueryParameter parameter, QueryDraft draft)
    {
        var (prefix, list) = Prefixes.First(p => parameter.Name.StartsWith(p.Prefix, StringComparison.Ordinal));
        var (values, error) = parameter.List();
        var type = CbvVocabulary.Term(parameter.Name[prefix.Length..], TypedListCriterion.TypeBase(list), JsonLdScope.Standard);
        draft.Criteria.Add(new TypedListCriterion(list, type, [.. values.Select(EpcisTerms.Identifier).Distinct(StringComparer.Ordinal)]));
        return error;
    }
}
