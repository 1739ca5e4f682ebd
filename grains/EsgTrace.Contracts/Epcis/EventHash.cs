using EsgTrace.Gs1;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EsgTrace.Epcis;

/// <summary>
/// The CBV 2.0 event hash ID of an EPCIS 2.0 event (JSON-LD): the event is written as a canonical pre-hash string —
/// fields in the standard's order, identifiers as canonical GS1 Digital Link URIs, CBV values as their web URIs, times
/// in UTC to the millisecond, list elements sorted, user extensions as {namespace}name sorted after the standard fields,
/// recordTime, eventID and errorDeclaration left out — and its SHA-256 becomes "ni:///sha-256;hex?ver=CBV2.0".
/// </summary>
public static class EventHash
{
    private static readonly string[] TopOrder =
    [
        "eventTime", "eventTimeZoneOffset", "certificationInfo", "parentID", "epcList", "inputEPCList", "childEPCs", "quantityList",
        "childQuantityList", "inputQuantityList", "outputEPCList", "outputQuantityList", "action", "transformationID", "bizStep",
        "disposition", "persistentDisposition", "readPoint", "bizLocation", "bizTransactionList", "destinationList", "sourceList",
        "sensorElementList", "ilmd",
    ];

    private static readonly HashSet<string> Excluded = ["type", "@type", "eventID", "recordTime", "errorDeclaration", "@context", "rdfs:comment", "comment"];

    private static readonly string[] MetadataOrder = ["time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules"];

    private static readonly string[] ReportOrder =
    [
        "type", "exception", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "time", "microorganism", "chemicalSubstance",
        "value", "component", "stringValue", "booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue", "sDev",
        "percRank", "percValue", "uom", "coordinateReferenceSystem",
    ];

    private static readonly Dictionary<string, string> StandardPrefixes = new(StringComparer.Ordinal)
    {
        ["cbvmda"] = "urn:epcglobal:cbv:mda:",
        ["gs1"] = "https://gs1.org/voc/",
        ["cbv"] = "https://ref.gs1.org/cbv/",
        ["epcis"] = "https://ref.gs1.org/epcis/",
    };

    /// <summary>The hash ID of the event.</summary>
    public static string Id(JsonElement @event, IReadOnlyDictionary<string, string> prefixes)
        => "ni:///sha-256;" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PreHash(@event, prefixes)))) + "?ver=CBV2.0";

    /// <summary>The namespace prefixes a document's @context declares (plus the standard context's own).</summary>
    public static Dictionary<string, string> Prefixes(JsonElement document)
    {
        var prefixes = new Dictionary<string, string>(StandardPrefixes, StringComparer.Ordinal);
        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("@context", out var context))
        {
            foreach (var item in context.ValueKind == JsonValueKind.Array ? context.EnumerateArray() : new[] { context }.AsEnumerable())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in item.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                    {
                        prefixes[p.Name] = p.Value.GetString()!;
                    }
                }
            }
        }

        return prefixes;
    }

    /// <summary>The canonical pre-hash string of the event.</summary>
    public static string PreHash(JsonElement e, IReadOnlyDictionary<string, string> prefixes)
    {
        var s = new StringBuilder();
        s.Append("eventType=").Append(e.GetProperty("type").GetString());
        foreach (var name in TopOrder)
        {
            if (e.TryGetProperty(name, out var value))
            {
                s.Append(Field(name, value, prefixes));
            }
        }

        s.Append(Extensions(e, TopOrder, prefixes));
        return s.ToString();
    }

    private static string Field(string name, JsonElement value, IReadOnlyDictionary<string, string> prefixes) => name switch
    {
        "eventTime" => "eventTime=" + Time(value.GetString()!),
        "eventTimeZoneOffset" or "action" or "certificationInfo" => $"{name}={Scalar(value)}",
        "parentID" or "transformationID" => $"{name}={Identifier(value.GetString()!)}",
        "epcList" or "inputEPCList" or "childEPCs" or "outputEPCList" => name + string.Concat(value.EnumerateArray().Select(v => "epc=" + Identifier(v.GetString()!)).Order(StringComparer.Ordinal)),
        "quantityList" or "childQuantityList" or "inputQuantityList" or "outputQuantityList" => name + string.Concat(value.EnumerateArray().Select(q => "quantityElement" + Quantity(q)).Order(StringComparer.Ordinal)),
        "bizStep" => "bizStep=" + Vocabulary(value.GetString()!, "BizStep-", "bizstep"),
        "disposition" => "disposition=" + Vocabulary(value.GetString()!, "Disp-", "disp"),
        "persistentDisposition" => "persistentDisposition" + PersistentDisposition(value),
        "readPoint" or "bizLocation" => name + "id=" + Identifier(value.GetProperty("id").GetString()!) + Extensions(value, ["id"], prefixes),
        "bizTransactionList" => name + Typed(value, "bizTransaction", "BTT-", "btt", prefixes),
        "sourceList" => name + Typed(value, "source", "SDT-", "sdt", prefixes),
        "destinationList" => name + Typed(value, "destination", "SDT-", "sdt", prefixes),
        "sensorElementList" => name + string.Concat(value.EnumerateArray().Select(el => "sensorElement" + SensorElement(el, prefixes)).Order(StringComparer.Ordinal)),
        "ilmd" => "ilmd" + Extensions(value, [], prefixes),
        _ => string.Empty,
    };

    private static string Quantity(JsonElement q)
    {
        var s = "epcClass=" + Identifier(q.GetProperty("epcClass").GetString()!);
        if (q.TryGetProperty("quantity", out var quantity))
        {
            s += "quantity=" + Number(quantity);
        }

        if (q.TryGetProperty("uom", out var uom))
        {
            s += "uom=" + uom.GetString();
        }

        return s;
    }

    private static string PersistentDisposition(JsonElement value)
    {
        var s = new StringBuilder();
        foreach (var part in new[] { "set", "unset" })
        {
            if (value.TryGetProperty(part, out var list))
            {
                foreach (var item in list.EnumerateArray().Select(v => Vocabulary(v.GetString()!, "Disp-", "disp")).Order(StringComparer.Ordinal))
                {
                    s.Append(part).Append('=').Append(item);
                }
            }
        }

        return s.ToString();
    }

    private static string Typed(JsonElement list, string valueName, string vocabularyPrefix, string urnKind, IReadOnlyDictionary<string, string> prefixes)
        => string.Concat(list.EnumerateArray().Select(item =>
        {
            var s = new StringBuilder();
            if (item.TryGetProperty("type", out var type))
            {
                s.Append("type=").Append(Vocabulary(type.GetString()!, vocabularyPrefix, urnKind));
            }

            s.Append(valueName).Append('=').Append(Identifier(item.GetProperty(valueName).GetString()!));
            s.Append(Extensions(item, ["type", valueName], prefixes));
            return s.ToString();
        }).Order(StringComparer.Ordinal));

    private static string SensorElement(JsonElement element, IReadOnlyDictionary<string, string> prefixes)
    {
        var s = new StringBuilder();
        if (element.TryGetProperty("sensorMetadata", out var metadata))
        {
            s.Append("sensorMetadata").Append(Ordered(metadata, MetadataOrder, prefixes));
        }

        if (element.TryGetProperty("sensorReport", out var reports))
        {
            foreach (var report in reports.EnumerateArray().Select(r => "sensorReport" + Ordered(r, ReportOrder, prefixes)).Order(StringComparer.Ordinal))
            {
                s.Append(report);
            }
        }

        s.Append(Extensions(element, ["sensorMetadata", "sensorReport"], prefixes));
        return s.ToString();
    }

    private static string Ordered(JsonElement obj, string[] order, IReadOnlyDictionary<string, string> prefixes)
    {
        var s = new StringBuilder();
        foreach (var name in order)
        {
            if (!obj.TryGetProperty(name, out var value))
            {
                continue;
            }

            var text = name switch
            {
                "time" or "startTime" or "endTime" => Time(value.GetString()!),
                "type" or "exception" => Voc(value.GetString()!, prefixes),
                "value" or "minValue" or "maxValue" or "meanValue" or "sDev" or "percRank" or "percValue" => Number(value),
                "booleanValue" => value.ValueKind == JsonValueKind.True ? "true" : value.ValueKind == JsonValueKind.False ? "false" : Scalar(value),
                "uom" or "stringValue" or "hexBinaryValue" or "component" => Scalar(value),
                _ => value.ValueKind == JsonValueKind.String ? Identifier(value.GetString()!) : Scalar(value),
            };
            s.Append(name).Append('=').Append(text);
        }

        s.Append(Extensions(obj, order, prefixes));
        return s.ToString();
    }

    /// <summary>Sensor types and exceptions: a bare term or gs1: CURIE means the GS1 web vocabulary.</summary>
    private static string Voc(string value, IReadOnlyDictionary<string, string> prefixes)
    {
        if (value.Contains("://", StringComparison.Ordinal))
        {
            return value;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && prefixes.TryGetValue(value[..colon], out var ns) ? ns + value[(colon + 1)..] : "https://gs1.org/voc/" + value;
    }

    /// <summary>User extensions (names with a namespace prefix), each written {namespace}name, sorted.</summary>
    private static string Extensions(JsonElement obj, IEnumerable<string> standard, IReadOnlyDictionary<string, string> prefixes)
    {
        var known = standard.ToHashSet(StringComparer.Ordinal);
        var parts = new List<string>();
        foreach (var p in obj.EnumerateObject())
        {
            if (known.Contains(p.Name) || Excluded.Contains(p.Name) || p.Name.StartsWith('@'))
            {
                continue;
            }

            var colon = p.Name.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !prefixes.TryGetValue(p.Name[..colon], out var ns))
            {
                continue;
            }

            parts.AddRange(Extension("{" + ns + "}" + p.Name[(colon + 1)..], p.Value, prefixes));
        }

        return string.Concat(parts.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Extension(string name, JsonElement value, IReadOnlyDictionary<string, string> prefixes) => value.ValueKind switch
    {
        JsonValueKind.Object => [name + Extensions(value, [], prefixes)],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(v => Extension(name, v, prefixes)),
        _ => [name + "=" + (value.ValueKind == JsonValueKind.String ? Identifier(value.GetString()!) : Scalar(value))],
    };

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => Number(value),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static string Number(JsonElement value)
        => value.ValueKind == JsonValueKind.Number && decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? Units.Numbers.Plain(d)
            : Scalar(value);

    /// <summary>UTC with milliseconds, rounded half up ("2023-02-02T11:04:03.1415Z" → ".142Z").</summary>
    public static string Time(string text)
    {
        var parsed = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var ticks = parsed.UtcTicks;
        var rounded = new DateTime((ticks + (TimeSpan.TicksPerMillisecond / 2)) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        return rounded.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>CBV values: bare terms and CBV 1.x URNs become https://ref.gs1.org/cbv/ URIs; anything else is kept.</summary>
    public static string Vocabulary(string value, string webPrefix, string urnKind)
    {
        if (value.StartsWith("https://ref.gs1.org/cbv/", StringComparison.Ordinal) || value.Contains("://", StringComparison.Ordinal))
        {
            return value;
        }

        var urn = $"urn:epcglobal:cbv:{urnKind}:";
        if (value.StartsWith(urn, StringComparison.Ordinal))
        {
            return "https://ref.gs1.org/cbv/" + webPrefix + value[urn.Length..];
        }

        return value.Contains(':', StringComparison.Ordinal) ? value : "https://ref.gs1.org/cbv/" + webPrefix + value;
    }

    /// <summary>EPC URNs and GS1 Digital Link URIs on any domain become canonical https://id.gs1.org/ URIs; other values are kept.</summary>
    public static string Identifier(string value) => DigitalLink.Canonical(value) ?? value;
}
