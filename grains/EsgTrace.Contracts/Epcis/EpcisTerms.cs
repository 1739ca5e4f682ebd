using System.Text.Json;

namespace EsgTrace.Epcis;

/// <summary>
/// The values an event is indexed and matched by, normalised so that equivalent spellings meet: EPCs and classes as
/// canonical GS1 Digital Links (an EPC URN and its Digital Link are one EPC), CBV values as their web URIs ("shipping",
/// "urn:epcglobal:cbv:bizstep:shipping" and "https://ref.gs1.org/cbv/BizStep-shipping" are one business step).
/// </summary>
public static class EpcisTerms
{
    public const string Epc = "epc";
    public const string Class = "class";
    public const string BizStep = "bizstep";
    public const string Disposition = "disposition";
    public const string BizLocation = "bizlocation";
    public const string ReadPoint = "readpoint";
    public const string Type = "type";
    public const string Error = "error";

    /// <summary>Fields holding instance-level EPCs, and the query parameter family each belongs to.</summary>
    public static readonly string[] EpcFields = ["epcList", "childEPCs", "parentID", "inputEPCList", "outputEPCList"];

    /// <summary>Fields holding quantity lists (class-level identifiers).</summary>
    public static readonly string[] QuantityFields = ["quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"];

    public static string Identifier(string value) => EventHash.Identifier(value.Trim());

    public static string BizStepValue(string value) => EventHash.Vocabulary(value.Trim(), "BizStep-");

    public static string DispositionValue(string value) => EventHash.Vocabulary(value.Trim(), "Disp-");

    /// <summary>EPCs of the given fields of an event, canonical.</summary>
    public static IEnumerable<string> Epcs(JsonElement e, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            if (!e.TryGetProperty(field, out var v))
            {
                continue;
            }

            if (v.ValueKind == JsonValueKind.String)
            {
                yield return Identifier(v.GetString()!);
            }
            else if (v.ValueKind == JsonValueKind.Array)
            {
                foreach (var x in v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String))
                {
                    yield return Identifier(x.GetString()!);
                }
            }
        }
    }

    /// <summary>epcClass values of the given quantity-list fields, canonical.</summary>
    public static IEnumerable<string> Classes(JsonElement e, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            if (e.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var q in list.EnumerateArray())
                {
                    if (q.ValueKind == JsonValueKind.Object && q.TryGetProperty("epcClass", out var c) && c.ValueKind == JsonValueKind.String)
                    {
                        yield return Identifier(c.GetString()!);
                    }
                }
            }
        }
    }

    public static string? Text(JsonElement e, string field)
        => e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static string? Location(JsonElement e, string field)
        => e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Object && v.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? Identifier(id.GetString()!)
            : null;

    /// <summary>Every (kind, value) the event is indexed under.</summary>
    public static IEnumerable<(string Kind, string Value)> Of(JsonElement e)
    {
        yield return (Type, Text(e, "type") ?? "unknown");
        foreach (var epc in Epcs(e, EpcFields).Distinct(StringComparer.Ordinal))
        {
            yield return (Epc, epc);
        }

        foreach (var c in Classes(e, QuantityFields).Distinct(StringComparer.Ordinal))
        {
            yield return (Class, c);
        }

        if (Text(e, "bizStep") is { } step)
        {
            yield return (BizStep, BizStepValue(step));
        }

        if (Text(e, "disposition") is { } disposition)
        {
            yield return (Disposition, DispositionValue(disposition));
        }

        if (Location(e, "bizLocation") is { } location)
        {
            yield return (BizLocation, location);
        }

        if (Location(e, "readPoint") is { } readPoint)
        {
            yield return (ReadPoint, readPoint);
        }

        if (e.TryGetProperty("errorDeclaration", out _))
        {
            yield return (Error, "declared");
        }
    }
}
