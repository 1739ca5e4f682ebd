using System.Text.Json;
using EsgTrace.Epcis.Hashing;

namespace EsgTrace.Epcis.Query;

/// <summary>The typed lists of an event: business transactions, sources, destinations.</summary>
public enum TypedList
{
    BizTransaction,
    Source,
    Destination,
}

/// <summary>
/// EQ_bizTransaction_{type}, EQ_source_{type}, EQ_destination_{type}: the event's list has an entry of that type (a CBV bare
/// word such as "po" or "owning_party", or a URI; compared as web URIs) whose value is one of these (canonical identifiers).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-q-typedlist")]
public sealed record TypedListCriterion(TypedList List, string Type, IReadOnlyList<string> Values) : EpcisCriterion
{
    public static string TypeBase(TypedList list) => list == TypedList.BizTransaction ? CbvVocabulary.Base.BizTransactionType : CbvVocabulary.Base.SourceDestinationType;

    public override bool Matches(EpcisEventView e)
    {
        var (listName, valueName) = List switch
        {
            TypedList.BizTransaction => ("bizTransactionList", "bizTransaction"),
            TypedList.Source => ("sourceList", "source"),
            _ => ("destinationList", "destination"),
        };
        if (!e.Json.TryGetProperty(listName, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var entry in list.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object))
        {
            if (EpcisTerms.Text(entry, "type") is { } type && CbvVocabulary.Term(type, TypeBase(List), e.Scope.Enter(entry)) == Type
                && EpcisTerms.Text(entry, valueName) is { } value && Values.Contains(EpcisTerms.Identifier(value)))
            {
                return true;
            }
        }

        return false;
    }
}
