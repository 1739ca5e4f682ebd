using System.Text.Json;
using EsgTrace.Epcis.Hashing;

namespace EsgTrace.Epcis.Query;

/// <summary>Where an extension field parameter looks: the event's top level, its ILMD, its error declaration, its read point or business location, or its sensor elements, metadata or reports.</summary>
public enum FieldScope
{
    Event,
    Ilmd,
    ErrorDeclaration,
    ReadPoint,
    BizLocation,
    SensorElement,
    SensorMetadata,
    SensorReport,
}

/// <summary>
/// EQ_/GT_/GE_/LT_/LE_/EXISTS_ on a user extension field: EQ_fieldname, EQ_ILMD_fieldname, EQ_ERROR_DECLARATION_…,
/// EQ_readPoint_…, EQ_bizLocation_…, EQ_SENSORELEMENT_/SENSORMETADATA_/SENSORREPORT_…, and each with INNER_ for a field
/// nested (at any depth) inside a top-level extension field of that place rather than at its top level. EQ takes a list of
/// alternatives; numbers compare as numbers and date-times as instants (<see cref="QueryValue"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-q-extension")]
public sealed record ExtensionFieldCriterion(FieldScope Scope, bool Inner, ExtensionFieldName Name, Comparison Op, IReadOnlyList<QueryValue> Values) : EpcisCriterion
{
    public override bool Matches(EpcisEventView e)
    {
        foreach (var (container, scope) in Containers(e))
        {
            foreach (var p in container.EnumerateObject())
            {
                if (p.Name.StartsWith('@'))
                {
                    continue;
                }

                if (!Inner)
                {
                    if (Name.Names(p.Name, scope) && Test(p.Value, scope))
                    {
                        return true;
                    }
                }
                else if ((Scope == FieldScope.Ilmd || scope.ExtensionName(p.Name) is not null) && Nested(p.Value, scope))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The first value of the named top-level field of an event (orderBy reads it), or null.</summary>
    public static JsonElement? ValueOf(EpcisEventView e, ExtensionFieldName name)
    {
        foreach (var p in e.Json.EnumerateObject())
        {
            if (!p.Name.StartsWith('@') && name.Names(p.Name, e.Scope))
            {
                return p.Value;
            }
        }

        return null;
    }

    private bool Nested(JsonElement node, JsonLdScope scope)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            return node.EnumerateArray().Any(x => Nested(x, scope));
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        scope = scope.Enter(node);
        foreach (var p in node.EnumerateObject())
        {
            if (!p.Name.StartsWith('@') && ((Name.Names(p.Name, scope) && Test(p.Value, scope)) || Nested(p.Value, scope)))
            {
                return true;
            }
        }

        return false;
    }

    private bool Test(JsonElement value, JsonLdScope scope)
    {
        if (Op == Comparison.Exists)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().Any(x => Test(x, scope));
        }

        if (Op == Comparison.Eq)
        {
            return Values.Any(v => v.CompareFrom(value) == 0
                || (value.ValueKind == JsonValueKind.String && CbvVocabulary.Value(value.GetString()!, scope) == CbvVocabulary.Value(v.Text, JsonLdScope.Standard)));
        }

        return Values[0].CompareFrom(value) is { } order && Op.Holds(order);
    }

    private IEnumerable<(JsonElement Node, JsonLdScope Scope)> Containers(EpcisEventView e)
    {
        var json = e.Json;
        var scope = e.Scope;
        switch (Scope)
        {
            case FieldScope.Event:
                yield return (json, scope);
                break;
            case FieldScope.Ilmd or FieldScope.ErrorDeclaration or FieldScope.ReadPoint or FieldScope.BizLocation:
                var name = Scope switch { FieldScope.Ilmd => "ilmd", FieldScope.ErrorDeclaration => "errorDeclaration", FieldScope.ReadPoint => "readPoint", _ => "bizLocation" };
                if (json.TryGetProperty(name, out var node) && node.ValueKind == JsonValueKind.Object)
                {
                    yield return (node, scope.Enter(node));
                }

                break;
            default:
                foreach (var (element, report) in SensorNodes.Of(json, Scope == FieldScope.SensorReport))
                {
                    var elementScope = scope.Enter(element);
                    var target = Scope switch
                    {
                        FieldScope.SensorElement => element,
                        FieldScope.SensorMetadata => element.TryGetProperty("sensorMetadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : (JsonElement?)null,
                        _ => report,
                    };
                    if (target is { } t)
                    {
                        yield return (t, elementScope.Enter(t));
                    }
                }

                break;
        }
    }
}
