namespace EsgTrace.Epcis.Query;

/// <summary>
/// EQ_/GT_/GE_/LT_/LE_/EXISTS_ on user extension fields, optionally INNER_, at the event's top level or in ILMD_,
/// ERROR_DECLARATION_, readPoint_, bizLocation_, SENSORELEMENT_, SENSORMETADATA_, SENSORREPORT_; the field named as
/// namespace#localName or prefix:localName (<see cref="ExtensionFieldName"/>).
/// </summary>
public sealed class ExtensionFieldParameters : QueryParameterFamily
{
    private static readonly (string Prefix, FieldScope Scope)[] Scopes =
    [
        ("ILMD_", FieldScope.Ilmd), ("ERROR_DECLARATION_", FieldScope.ErrorDeclaration), ("readPoint_", FieldScope.ReadPoint), ("bizLocation_", FieldScope.BizLocation),
        ("SENSORELEMENT_", FieldScope.SensorElement), ("SENSORMETADATA_", FieldScope.SensorMetadata), ("SENSORREPORT_", FieldScope.SensorReport),
    ];

    public override string Describe => "EQ_/GT_/GE_/LT_/LE_/EXISTS_[INNER_][ILMD_|ERROR_DECLARATION_|readPoint_|bizLocation_|SENSORELEMENT_|SENSORMETADATA_|SENSORREPORT_]{namespace#field | prefix:field}";

    public override bool Claims(string name) => Read(name) is not null;

    public override string? Read(QueryParameter parameter, QueryDraft draft)
    {
        var (op, scope, inner, field) = Read(parameter.Name)!.Value;
        switch (op)
        {
            case Comparison.Exists:
                {
                    var (wanted, error) = parameter.Flag();
                    if (wanted)
                    {
                        draft.Criteria.Add(new ExtensionFieldCriterion(scope, inner, field, op, []));
                    }

                    return error;
                }

            case Comparison.Eq:
                {
                    var (values, error) = parameter.List();
                    draft.Criteria.Add(new ExtensionFieldCriterion(scope, inner, field, op, [.. values.Select(QueryValue.Of)]));
                    return error;
                }

            default:
                {
                    var (text, error) = parameter.Single();
                    var value = QueryValue.Of(text);
                    if (error is null && value.Number is null && value.Time is null)
                    {
                        error = $"'{parameter.Name}' compares numbers or date-times (with an offset); '{text}' is neither.";
                    }

                    draft.Criteria.Add(new ExtensionFieldCriterion(scope, inner, field, op, [value]));
                    return error;
                }
        }
    }

    private static (Comparison Op, FieldScope Scope, bool Inner, ExtensionFieldName Field)? Read(string name)
    {
        if (Comparisons.Split(name) is not { } split)
        {
            return null;
        }

        var rest = split.Remainder;
        var inner = rest.StartsWith("INNER_", StringComparison.Ordinal);
        rest = inner ? rest["INNER_".Length..] : rest;
        var scope = FieldScope.Event;
        foreach (var (prefix, s) in Scopes)
        {
            if (rest.StartsWith(prefix, StringComparison.Ordinal))
            {
                (scope, rest) = (s, rest[prefix.Length..]);
                break;
            }
        }

        return ExtensionFieldName.Parse(rest) is { } field ? (split.Op, scope, inner, field) : null;
    }
}
