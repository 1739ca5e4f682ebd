namespace EsgTrace.Epcis.Query;

/// <summary>EQ_/GT_/GE_/LT_/LE_quantity and their …_quantity_{uom} forms (uom a UN/CEFACT code, e.g. KGM).</summary>
public sealed class QuantityParameters : QueryParameterFamily
{
    public override string Describe => "EQ_/GT_/GE_/LT_/LE_quantity, …_quantity_{uom}";

    public override bool Claims(string name)
        => Comparisons.Split(name) is { Op: not Comparison.Exists, Remainder: var rest }
            && (rest == "quantity" || (rest.StartsWith("quantity_", StringComparison.Ordinal) && SensorUnits.IsCode(rest["quantity_".Length..])));

    public override string? Read(QueryParameter parameter, QueryDraft draft)
    {
        var (op, rest) = Comparisons.Split(parameter.Name)!.Value;
        var uom = rest.Length > "quantity".Length ? rest["quantity_".Length..] : null;
        if (op == Comparison.Eq)
        {
            var (values, error) = parameter.List();
            var numbers = values.Select(QueryValue.NumberOf).ToList();
            if (error is not null || numbers.Contains(null))
            {
                return error ?? $"'{parameter.Name}' takes numbers, e.g. 5|10.5.";
            }

            draft.Criteria.Add(new QuantityCriterion(op, [.. numbers.Select(n => n!.Value)], uom));
            return null;
        }

        var (number, numberError) = parameter.Number();
        draft.Criteria.Add(new QuantityCriterion(op, [number], uom));
        return numberError;
    }
}
