using System.Text.Json;

namespace EsgTrace.Epcis.Query;

/// <summary>Which identifiers of an event a MATCH_ parameter looks at.</summary>
public enum EpcRole
{
    Epc,
    ParentId,
    InputEpc,
    OutputEpc,
    AnyEpc,
    EpcClass,
    InputEpcClass,
    OutputEpcClass,
    AnyEpcClass,
}

/// <summary>
/// MATCH_epc, MATCH_parentID, MATCH_inputEPC, MATCH_outputEPC, MATCH_anyEPC and the …EPCClass forms: one of the event's
/// identifiers in those fields is one of <paramref name="Values"/> (canonical Digital Links: an EPC URN and its Digital Link
/// are one EPC) or matches one of <paramref name="Patterns"/> (urn:epc:idpat:…).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-q-match")]
public sealed record EpcMatchCriterion(EpcRole Role, IReadOnlyList<string> Values, IReadOnlyList<EpcPattern> Patterns) : EpcisCriterion
{
    public bool IsClass => Role >= EpcRole.EpcClass;

    public override bool Matches(EpcisEventView e)
        => Raw(e.Json).Any(raw => (Values.Count > 0 && Values.Contains(EpcisTerms.Identifier(raw))) || Patterns.Any(p => p.Matches(raw)));

    /// <summary>Exact values are indexed; a pattern can match identifiers no index term names, so it leaves the plan to others.</summary>
    public override EpcisIndexTerms? IndexTerms
        => Patterns.Count > 0 ? null : IsClass ? new(EpcisTerms.Class, Values, 20) : new(EpcisTerms.Epc, Values, Role == EpcRole.AnyEpc ? 10 : 11);

    private IEnumerable<string> Raw(JsonElement e)
    {
        string[] fields = Role switch
        {
            EpcRole.Epc => ["epcList", "childEPCs"],
            EpcRole.ParentId => ["parentID"],
            EpcRole.InputEpc => ["inputEPCList"],
            EpcRole.OutputEpc => ["outputEPCList"],
            EpcRole.AnyEpc => EpcisTerms.EpcFields,
            EpcRole.EpcClass => ["quantityList", "childQuantityList"],
            EpcRole.InputEpcClass => ["inputQuantityList"],
            EpcRole.OutputEpcClass => ["outputQuantityList"],
            _ => EpcisTerms.QuantityFields,
        };
        foreach (var field in fields)
        {
            if (IsClass)
            {
                if (e.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var q in list.EnumerateArray())
                    {
                        if (q.ValueKind == JsonValueKind.Object && EpcisTerms.Text(q, "epcClass") is { } c)
                        {
                            yield return c;
                        }
                    }
                }
            }
            else
            {
                foreach (var v in StandardFieldCriterion.Strings(e, field))
                {
                    yield return v;
                }
            }
        }
    }
}
