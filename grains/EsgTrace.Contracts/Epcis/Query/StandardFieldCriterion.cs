using System.Text.Json;

namespace EsgTrace.Epcis.Query;

/// <summary>The standard event fields a query matches by value (EQ_…), each read and normalised as it is indexed.</summary>
public enum StandardField
{
    BizStep,
    Disposition,
    Action,
    ReadPoint,
    BizLocation,
    TransformationId,
    EventId,
    ErrorReason,
    CorrectiveEventId,
    PersistentDispositionSet,
    PersistentDispositionUnset,
}

/// <summary>
/// EQ_bizStep, EQ_disposition, EQ_action, EQ_readPoint, EQ_bizLocation, EQ_transformationID, EQ_eventID, EQ_errorReason,
/// EQ_correctiveEventID, EQ_persistentDisposition_set/unset: the field is present and one of its values is one of these
/// (already normalised by <see cref="Normalise"/>: CBV bare words, URNs and web URIs meet; EPCs as Digital Links).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-q-field")]
public sealed record StandardFieldCriterion(StandardField Field, IReadOnlyList<string> Values) : EpcisCriterion
{
    public override bool Matches(EpcisEventView e) => ValuesOf(Field, e.Json).Any(Values.Contains);

    public override EpcisIndexTerms? IndexTerms => Field switch
    {
        StandardField.BizLocation => new(EpcisTerms.BizLocation, Values, 30),
        StandardField.ReadPoint => new(EpcisTerms.ReadPoint, Values, 40),
        StandardField.BizStep => new(EpcisTerms.BizStep, Values, 60),
        StandardField.Disposition => new(EpcisTerms.Disposition, Values, 70),
        _ => null,
    };

    /// <summary>A query value in the form the field's values are compared in.</summary>
    public static string Normalise(StandardField field, string value) => field switch
    {
        StandardField.BizStep => EpcisTerms.BizStepValue(value),
        StandardField.Disposition or StandardField.PersistentDispositionSet or StandardField.PersistentDispositionUnset => EpcisTerms.DispositionValue(value),
        StandardField.ErrorReason => EventHash.Vocabulary(value.Trim(), "ER-"),
        StandardField.ReadPoint or StandardField.BizLocation or StandardField.TransformationId => EpcisTerms.Identifier(value),
        _ => value.Trim(),
    };

    /// <summary>The field's values in an event, normalised.</summary>
    public static IEnumerable<string> ValuesOf(StandardField field, JsonElement e)
    {
        switch (field)
        {
            case StandardField.ReadPoint or StandardField.BizLocation:
                if (EpcisTerms.Location(e, field == StandardField.ReadPoint ? "readPoint" : "bizLocation") is { } location)
                {
                    yield return location;
                }

                break;
            case StandardField.ErrorReason or StandardField.CorrectiveEventId:
                if (e.TryGetProperty("errorDeclaration", out var declaration) && declaration.ValueKind == JsonValueKind.Object)
                {
                    foreach (var v in Strings(declaration, field == StandardField.ErrorReason ? "reason" : "correctiveEventIDs"))
                    {
                        yield return Normalise(field, v);
                    }
                }

                break;
            case StandardField.PersistentDispositionSet or StandardField.PersistentDispositionUnset:
                if (e.TryGetProperty("persistentDisposition", out var persistent) && persistent.ValueKind == JsonValueKind.Object)
                {
                    foreach (var v in Strings(persistent, field == StandardField.PersistentDispositionSet ? "set" : "unset"))
                    {
                        yield return Normalise(field, v);
                    }
                }

                break;
            default:
                var name = field switch
                {
                    StandardField.BizStep => "bizStep",
                    StandardField.Disposition => "disposition",
                    StandardField.Action => "action",
                    StandardField.TransformationId => "transformationID",
                    _ => "eventID",
                };
                foreach (var v in Strings(e, name))
                {
                    yield return Normalise(field, v);
                }

                break;
        }
    }

    /// <summary>A string field's value, or each string of an array field.</summary>
    internal static IEnumerable<string> Strings(JsonElement node, string name)
    {
        if (!node.TryGetProperty(name, out var v))
        {
            yield break;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            yield return v.GetString()!;
        }
        else if (v.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String))
            {
                yield return x.GetString()!;
            }
        }
    }
}
