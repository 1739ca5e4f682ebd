using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EsgTrace.Epcis.Hashing;

/// <summary>
/// The canonical pre-hash string of an EPCIS 2.0 event (CBV 2.0, event hash ID): "eventType=…", then the standard fields
/// in the standard's order, each "name=value" (a list or object by its name, then its children), list elements sorted,
/// times in UTC to the millisecond, identifiers as canonical GS1 Digital Links, vocabulary values as web URIs, and user
/// extensions as "{namespace}localName=value" sorted after the regular fields of the node they sit in (event, readPoint,
/// bizLocation, sensorElement, sensorMetadata, sensorReport, ilmd, nested extensions). Namespaces come from the
/// <see cref="JsonLdScope"/> of each node: the document's @context and every @context below it. eventID, recordTime,
/// errorDeclaration and comments are left out.
/// </summary>
public static class PreHashBuilder
{
    private static readonly string[] TopOrder =
    [
        "eventTime", "eventTimeZoneOffset", "certificationInfo", "parentID", "epcList", "inputEPCList", "childEPCs", "quantityList",
        "childQuantityList", "inputQuantityList", "outputEPCList", "outputQuantityList", "action", "transformationID", "bizStep",
        "disposition", "persistentDisposition", "readPoint", "bizLocation", "bizTransactionList", "destinationList", "sourceList",
        "sensorElementList", "ilmd",
    ];

    /// <summary>Standard names of an event that are not hashed (or are hashed on their own, like "type").</summary>
    private static readonly HashSet<string> NotHashed = ["type", "eventID", "recordTime", "errorDeclaration", "rdfs:comment", "comment"];

    private static readonly string[] MetadataOrder = ["time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules"];

    private static readonly string[] ReportOrder =
    [
        "type", "exception", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "time", "microorganism", "chemicalSubstance",
        "value", "component", "stringValue", "booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue", "sDev",
        "percRank", "percValue", "uom", "coordinateReferenceSystem",
    ];

    public static string Build(JsonElement e, JsonLdScope documentScope)
    {
        var scope = documentScope.Enter(e);
        var s = new StringBuilder();
        s.Append("eventType=").Append(e.GetProperty("type").GetString());
        foreach (var name in TopOrder)
        {
            if (e.TryGetProperty(name, out var value))
            {
                s.Append(Field(name, value, scope));
            }
        }

        s.Append(Extensions(e, TopOrder, scope));
        return s.ToString();
    }

    private static string Field(string name, JsonElement value, JsonLdScope scope) => name switch
    {
        "eventTime" => "eventTime=" + Time(value.GetString()!),
        "eventTimeZoneOffset" or "action" => $"{name}={Scalar(value)}",
        "certificationInfo" => value.ValueKind == JsonValueKind.Array
            ? string.Concat(value.EnumerateArray().Select(v => $"{name}={Id(v, scope)}").Order(StringComparer.Ordinal))
            : $"{name}={Id(value, scope)}",
        "parentID" or "transformationID" => $"{name}={Id(value, scope)}",
        "epcList" or "inputEPCList" or "childEPCs" or "outputEPCList" => List(name, value.EnumerateArray().Select(v => "epc=" + Id(v, scope))),
        "quantityList" or "childQuantityList" or "inputQuantityList" or "outputQuantityList" => List(name, value.EnumerateArray().Select(q => "quantityElement" + Quantity(q, scope))),
        "bizStep" => "bizStep=" + CbvVocabulary.Term(value.GetString()!, CbvVocabulary.Base.BizStep, scope),
        "disposition" => "disposition=" + CbvVocabulary.Term(value.GetString()!, CbvVocabulary.Base.Disposition, scope),
        "persistentDisposition" => PersistentDisposition(value, scope),
        "readPoint" or "bizLocation" => Location(name, value, scope),
        "bizTransactionList" => List(name, value.EnumerateArray().Select(item => Typed(item, "bizTransaction", CbvVocabulary.Base.BizTransactionType, scope))),
        "sourceList" => List(name, value.EnumerateArray().Select(item => Typed(item, "source", CbvVocabulary.Base.SourceDestinationType, scope))),
        "destinationList" => List(name, value.EnumerateArray().Select(item => Typed(item, "destination", CbvVocabulary.Base.SourceDestinationType, scope))),
        "sensorElementList" => List(name, value.EnumerateArray().Select(el => "sensorElement" + SensorElement(el, scope))),
        "ilmd" => Ilmd(value, scope),
        _ => string.Empty,
    };

    /// <summary>A list by its name, once, then its elements sorted; an empty list adds nothing.</summary>
    private static string List(string name, IEnumerable<string> elements)
    {
        var sorted = elements.Where(x => x.Length > 0).Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? string.Empty : name + string.Concat(sorted);
    }

    private static string Location(string name, JsonElement value, JsonLdScope scope)
    {
        scope = scope.Enter(value);
        var s = value.TryGetProperty("id", out var id) ? "id=" + Id(id, scope) : string.Empty;
        s += Extensions(value, ["id"], scope);
        return s.Length == 0 ? string.Empty : name + s;
    }

    private static string Ilmd(JsonElement value, JsonLdScope scope)
    {
        var s = Extensions(value, [], scope.Enter(value));
        return s.Length == 0 ? string.Empty : "ilmd" + s;
    }

    private static string Quantity(JsonElement q, JsonLdScope scope)
    {
        scope = scope.Enter(q);
        var s = "epcClass=" + Id(q.GetProperty("epcClass"), scope);
        if (q.TryGetProperty("quantity", out var quantity))
        {
            s += "quantity=" + Number(quantity);
        }

        if (q.TryGetProperty("uom", out var uom))
        {
            s += "uom=" + Scalar(uom);
        }

        return s;
    }

    private static string PersistentDisposition(JsonElement value, JsonLdScope scope)
    {
        scope = scope.Enter(value);
        var s = new StringBuilder();
        foreach (var part in new[] { "set", "unset" })
        {
            if (value.TryGetProperty(part, out var list))
            {
                foreach (var item in list.EnumerateArray().Select(v => CbvVocabulary.Term(v.GetString()!, CbvVocabulary.Base.Disposition, scope)).Order(StringComparer.Ordinal))
                {
                    s.Append(part).Append('=').Append(item);
                }
            }
        }

        return s.Length == 0 ? string.Empty : "persistentDisposition" + s;
    }

    private static string Typed(JsonElement item, string valueName, string typeBase, JsonLdScope scope)
    {
        scope = scope.Enter(item);
        var s = new StringBuilder();
        if (item.TryGetProperty("type", out var type))
        {
            s.Append("type=").Append(CbvVocabulary.Term(type.GetString()!, typeBase, scope));
        }

        if (item.TryGetProperty(valueName, out var v))
        {
            s.Append(valueName).Append('=').Append(Id(v, scope));
        }

        s.Append(Extensions(item, ["type", valueName], scope));
        return s.ToString();
    }

    private static string SensorElement(JsonElement element, JsonLdScope scope)
    {
        scope = scope.Enter(element);
        var s = new StringBuilder();
        if (element.TryGetProperty("sensorMetadata", out var metadata))
        {
            s.Append("sensorMetadata").Append(Ordered(metadata, MetadataOrder, scope.Enter(metadata)));
        }

        if (element.TryGetProperty("sensorReport", out var reports))
        {
            foreach (var report in reports.EnumerateArray().Select(r => "sensorReport" + Ordered(r, ReportOrder, scope.Enter(r))).Order(StringComparer.Ordinal))
            {
                s.Append(report);
            }
        }

        s.Append(Extensions(element, ["sensorMetadata", "sensorReport"], scope));
        return s.ToString();
    }

    private static string Ordered(JsonElement obj, string[] order, JsonLdScope scope)
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
                "type" => CbvVocabulary.Term(value.GetString()!, CbvVocabulary.Base.MeasurementType, scope),
                "exception" => CbvVocabulary.Term(value.GetString()!, CbvVocabulary.Base.SensorAlert, scope),
                "component" => CbvVocabulary.Term(value.GetString()!, CbvVocabulary.Base.Component, scope),
                "value" or "minValue" or "maxValue" or "meanValue" or "sDev" or "percRank" or "percValue" => Number(value),
                "booleanValue" or "uom" or "stringValue" or "hexBinaryValue" => Scalar(value),
                _ => Id(value, scope),
            };
            s.Append(name).Append('=').Append(text);
        }

        s.Append(Extensions(obj, order, scope));
        return s.ToString();
    }

    /// <summary>User extensions of a node (names that resolve to "{namespace}local"), each list element separately, sorted.</summary>
    private static string Extensions(JsonElement obj, IEnumerable<string> standard, JsonLdScope scope)
    {
        var known = standard.ToHashSet(StringComparer.Ordinal);
        var parts = new List<string>();
        foreach (var p in obj.EnumerateObject())
        {
            if (known.Contains(p.Name) || NotHashed.Contains(p.Name) || p.Name.StartsWith('@') || scope.ExtensionName(p.Name) is not { } name)
            {
                continue;
            }

            parts.AddRange(Extension(name, p.Value, scope));
        }

        return string.Concat(parts.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Extension(string name, JsonElement value, JsonLdScope scope) => value.ValueKind switch
    {
        JsonValueKind.Object => [name + Extensions(value, [], scope.Enter(value))],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(v => Extension(name, v, scope)),
        JsonValueKind.String => [name + "=" + CbvVocabulary.Value(value.GetString()!, scope)],
        JsonValueKind.Null => [name],
        _ => [name + "=" + Scalar(value)],
    };

    private static string Id(JsonElement value, JsonLdScope scope)
        => value.ValueKind == JsonValueKind.String ? CbvVocabulary.Identifier(value.GetString()!, scope) : Scalar(value);

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim(),
        JsonValueKind.Number => Number(value),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static string Number(JsonElement value)
        => (value.ValueKind == JsonValueKind.Number || value.ValueKind == JsonValueKind.String)
           && decimal.TryParse(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? Units.Numbers.Plain(d)
            : Scalar(value);

    /// <summary>UTC with milliseconds, rounded half up ("2023-02-02T11:04:03.1415Z" → ".142Z").</summary>
    public static string Time(string text)
    {
        var parsed = DateTimeOffset.Parse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var ticks = parsed.UtcTicks;
        var rounded = new DateTime((ticks + (TimeSpan.TicksPerMillisecond / 2)) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        return rounded.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
