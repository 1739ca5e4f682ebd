using System.Text.Json;

namespace EsgTrace.Epcis.Query;

/// <summary>
/// EQ_/GT_/GE_/LT_/LE_quantity (and the …_quantity_{uom} forms): a quantity element of the event's quantity lists has a
/// quantity meeting the comparison; with a unit, the element's uom converted to it (<see cref="SensorUnits"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-q-quantity")]
public sealed record QuantityCriterion(Comparison Op, IReadOnlyList<decimal> Values, string? Uom) : EpcisCriterion
{
    public override bool Matches(EpcisEventView e)
    {
        foreach (var field in EpcisTerms.QuantityFields)
        {
            if (!e.Json.TryGetProperty(field, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var q in list.EnumerateArray())
            {
                if (q.ValueKind != JsonValueKind.Object || !q.TryGetProperty("quantity", out var qv) || !qv.TryGetDecimal(out var quantity))
                {
                    continue;
                }

                var value = Uom is null ? quantity : SensorUnits.Convert(quantity, EpcisTerms.Text(q, "uom"), Uom);
                if (value is { } v && (Op == Comparison.Eq ? Values.Contains(v) : Op.Holds(v.CompareTo(Values[0]))))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
