namespace EsgTrace.Epcis.Query;

/// <summary>
/// The event's own fields: eventType; EQ_/GT_/GE_/LT_/LE_ on eventTime, recordTime and errorDeclarationTime; EQ_ on the
/// standard fields (bizStep, disposition, action, readPoint, bizLocation, transformationID, eventID, errorReason,
/// correctiveEventID, persistentDisposition_set/unset; eventID also unprefixed); EXISTS_errorDeclaration and
/// EXISTS_sensorElementList.
/// </summary>
public sealed class EventParameters : QueryParameterFamily
{
    private static readonly Dictionary<string, EventTimeField> Times = new(StringComparer.Ordinal)
    {
        ["eventTime"] = EventTimeField.EventTime, ["recordTime"] = EventTimeField.RecordTime, ["errorDeclarationTime"] = EventTimeField.ErrorDeclarationTime,
    };

    private static readonly Dictionary<string, StandardField> Fields = new(StringComparer.Ordinal)
    {
        ["EQ_bizStep"] = StandardField.BizStep, ["EQ_disposition"] = StandardField.Disposition, ["EQ_action"] = StandardField.Action,
        ["EQ_readPoint"] = StandardField.ReadPoint, ["EQ_bizLocation"] = StandardField.BizLocation, ["EQ_transformationID"] = StandardField.TransformationId,
        ["EQ_eventID"] = StandardField.EventId, ["eventID"] = StandardField.EventId, ["EQ_errorReason"] = StandardField.ErrorReason,
        ["EQ_correctiveEventID"] = StandardField.CorrectiveEventId, ["EQ_persistentDisposition_set"] = StandardField.PersistentDispositionSet,
        ["EQ_persistentDisposition_unset"] = StandardField.PersistentDispositionUnset,
    };

    public override string Describe => "eventType, EQ_/GT_/GE_/LT_/LE_ eventTime|recordTime|errorDeclarationTime, " + string.Join(", ", Fields.Keys)
        + ", " + string.Join(", ", ExistsCriterion.Fields.Select(f => "EXISTS_" + f));

    public override bool Claims(string name)
        => name == "eventType" || Fields.ContainsKey(name) || ExistsCriterion.Fields.Any(f => name == "EXISTS_" + f)
            || (Comparisons.Split(name) is { Op: not Comparison.Exists } split && Times.ContainsKey(split.Remainder));

    public override string? Read(QueryParameter parameter, QueryDraft draft)
    {
        var name = parameter.Name;
        if (name.StartsWith("EXISTS_", StringComparison.Ordinal))
        {
            var (wanted, flagError) = parameter.Flag();
            if (wanted)
            {
                draft.Criteria.Add(new ExistsCriterion(name["EXISTS_".Length..]));
            }

            return flagError;
        }

        if (Comparisons.Split(name) is { } split && Times.TryGetValue(split.Remainder, out var timeField))
        {
            var (time, timeError) = parameter.Time();
            draft.Criteria.Add(new TimeCriterion(timeField, split.Op, time));
            return timeError;
        }

        var (values, error) = parameter.List();
        if (error is not null)
        {
            return error;
        }

        if (name == "eventType")
        {
            var unknown = values.FirstOrDefault(t => !EventTypeCriterion.Standard.Contains(t, StringComparer.Ordinal));
            draft.Criteria.Add(new EventTypeCriterion(values));
            return unknown is null ? null : $"'{unknown}' is not an EPCIS event type ({string.Join(", ", EventTypeCriterion.Standard)}).";
        }

        var field = Fields[name];
        if (field == StandardField.Action && values.FirstOrDefault(v => v is not ("ADD" or "OBSERVE" or "DELETE")) is { } action)
        {
            return $"'EQ_action' values are ADD, OBSERVE or DELETE; '{action}' is none.";
        }

        draft.Criteria.Add(new StandardFieldCriterion(field, [.. values.Select(v => StandardFieldCriterion.Normalise(field, v)).Distinct(StringComparer.Ordinal)]));
        return null;
    }
}
