namespace EsgTrace.Epcis.Query;

/// <summary>
/// The sensor parameters: EQ_/GT_/GE_/LT_/LE_ time, startTime, endTime; EQ_type, deviceID, deviceMetadata, rawData,
/// dataProcessingMethod, microorganism, chemicalSubstance, bizRules, stringValue, hexBinaryValue, uriValue (lists),
/// booleanValue; EQ_/GT_/GE_/LT_/LE_ value, minValue, maxValue, meanValue, sDev, percValue (each also _{uom}) and percRank.
/// </summary>
public sealed class SensorParameters : QueryParameterFamily
{
    public override string Describe => "sensor: EQ_/GE_/LT_… time|startTime|endTime, EQ_type|deviceID|deviceMetadata|rawData|dataProcessingMethod|microorganism|chemicalSubstance|bizRules|stringValue|booleanValue|hexBinaryValue|uriValue, EQ_/GT_/GE_/LT_/LE_ value|minValue|maxValue|meanValue|sDev|percValue[_{uom}]|percRank";

    public override bool Claims(string name) => Read(name) is not null;

    public override string? Read(QueryParameter parameter, QueryDraft draft)
    {
        var (op, field, uom) = Read(parameter.Name)!.Value;
        var probe = new SensorFieldCriterion(field, op, [], uom);
        if (probe.IsTime)
        {
            var (time, error) = parameter.Time();
            draft.Criteria.Add(probe with { Values = [new QueryValue(time.ToString(), null, time)] });
            return error;
        }

        if (probe.IsNumber)
        {
            if (op != Comparison.Eq)
            {
                var (number, error) = parameter.Number();
                draft.Criteria.Add(probe with { Values = [new QueryValue(parameter.Name, number, null)] });
                return error;
            }

            var (list, listError) = parameter.List();
            var numbers = list.Select(QueryValue.NumberOf).ToList();
            if (listError is not null || numbers.Contains(null))
            {
                return listError ?? $"'{parameter.Name}' takes numbers, e.g. 20|21.5.";
            }

            draft.Criteria.Add(probe with { Values = [.. numbers.Select(n => new QueryValue(parameter.Name, n, null))] });
            return null;
        }

        if (field == SensorField.BooleanValue)
        {
            var (flag, error) = parameter.Single();
            draft.Criteria.Add(probe with { Values = [QueryValue.Of(flag)] });
            return error ?? (flag is "true" or "false" ? null : "'EQ_booleanValue' is true or false.");
        }

        var (values, valuesError) = parameter.List();
        draft.Criteria.Add(probe with { Values = [.. values.Select(v => QueryValue.Of(SensorFieldCriterion.Normalise(field, v)))] });
        return valuesError;
    }

    /// <summary>The comparison, field and unit a sensor parameter name stands for, or null when it is none.</summary>
    private static (Comparison Op, SensorField Field, string? Uom)? Read(string name)
    {
        if (Comparisons.Split(name) is not { Op: not Comparison.Exists } split)
        {
            return null;
        }

        var (fieldName, uom) = (split.Remainder, (string?)null);
        var underscore = split.Remainder.IndexOf('_', StringComparison.Ordinal);
        if (underscore > 0)
        {
            (fieldName, uom) = (split.Remainder[..underscore], split.Remainder[(underscore + 1)..]);
        }

        if (!SensorFieldCriterion.Names.TryGetValue(fieldName, out var field))
        {
            return null;
        }

        var probe = new SensorFieldCriterion(field, split.Op, [], uom);
        var unitAllowed = probe.IsNumber && field != SensorField.PercRank;
        if (uom is not null && (!unitAllowed || !SensorUnits.IsCode(uom)))
        {
            return null;
        }

        return probe.IsTime || probe.IsNumber || split.Op == Comparison.Eq ? (split.Op, field, uom) : null;
    }
}
