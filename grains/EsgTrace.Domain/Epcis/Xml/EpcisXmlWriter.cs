using System.Text;
using System.Text.Json;
using System.Xml;
using EsgTrace.Epcis.Hashing;
using NodaTime;
using NodaTime.Text;
using static EsgTrace.Epcis.Xml.EpcisXmlNamespaces;

namespace EsgTrace.Epcis.Xml;

/// <summary>
/// The JSON → XML mapping of the EPCIS 2.0 bindings (the inverse of <see cref="EpcisXmlToJson"/>): stored events written as
/// an EPCISQueryDocument (or an EPCISDocument) valid against the GS1 XSD. Fields go in the XSD's order for their event
/// type; lists get their item wrappers back; bare CBV terms become CBV URNs (and gs1:/cbv: CURIEs for sensor types,
/// alerts and components); user extension fields become elements in their namespace (the @context prefix kept as the
/// XML prefix), after the standard ones; a number, boolean or null extension value is marked with xsi:type or xsi:nil
/// so it reads back as the same JSON value. An event with no XML form (several certificationInfo values, an object in a
/// sensor attribute) raises <see cref="MappingException"/>.
/// </summary>
public static class EpcisXmlWriter
{
    private const string Gs1Voc = EpcisXmlVocabulary.Gs1Voc;
    private const string Cbv = EpcisXmlVocabulary.Cbv;

    private static readonly string[] Base = ["eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "errorDeclaration", "certificationInfo"];

    private static readonly Dictionary<string, string[]> Sequences = new(StringComparer.Ordinal)
    {
        ["ObjectEvent"] = [.. Base, "epcList", "action", "bizStep", "disposition", "readPoint", "bizLocation", "bizTransactionList", "quantityList", "sourceList", "destinationList", "sensorElementList", "persistentDisposition", "ilmd"],
        ["AggregationEvent"] = [.. Base, "parentID", "childEPCs", "action", "bizStep", "disposition", "readPoint", "bizLocation", "bizTransactionList", "childQuantityList", "sourceList", "destinationList", "sensorElementList", "persistentDisposition"],
        ["TransactionEvent"] = [.. Base, "bizTransactionList", "parentID", "epcList", "action", "bizStep", "disposition", "readPoint", "bizLocation", "quantityList", "sourceList", "destinationList", "sensorElementList", "persistentDisposition"],
        ["TransformationEvent"] = [.. Base, "inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList", "transformationID", "bizStep", "disposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList", "persistentDisposition", "ilmd"],
        ["AssociationEvent"] = [.. Base, "parentID", "childEPCs", "childQuantityList", "action", "bizStep", "disposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList", "persistentDisposition"],
    };

    private static readonly string[] MetadataAttributes = ["time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules"];

    private static readonly string[] ReportAttributes =
    [
        "type", "exception", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules", "time", "microorganism", "chemicalSubstance",
        "value", "component", "stringValue", "booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue", "sDev", "percRank",
        "percValue", "uom", "coordinateReferenceSystem",
    ];

    private static readonly HashSet<string> Reserved = ["xml", "xmlns", "xsi", "xsd", "epcis", "epcisq"];

    /// <summary>An EPCISQueryDocument (SimpleEventQuery results) holding the stored events, their prefixes declared on the root.</summary>
    public static byte[] QueryDocument(IReadOnlyList<byte[]> events, IReadOnlyDictionary<string, string> context, Instant creationDate, string queryName = "SimpleEventQuery")
    {
        var documents = events.Select(e => JsonDocument.Parse(e)).ToList();
        try
        {
            return Write(context, w =>
            {
                w.WriteStartElement("epcisq", "EPCISQueryDocument", Query2.NamespaceName);
                Root(w, context, InstantPattern.ExtendedIso.Format(creationDate));
                w.WriteStartElement("EPCISBody");
                w.WriteStartElement("epcisq", "QueryResults", Query2.NamespaceName);
                w.WriteElementString("queryName", queryName);
                w.WriteStartElement("resultsBody");
                EventList(w, documents.Select(d => d.RootElement), context);
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            });
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }
    }

    /// <summary>An EPCIS 2.0 XML EPCISDocument with the events of a JSON EPCISDocument.</summary>
    public static byte[] Document(JsonElement document)
    {
        var context = EventHash.Prefixes(document).Where(p => !(JsonLdScope.StandardPrefixes.TryGetValue(p.Key, out var s) && s == p.Value))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var creation = document.TryGetProperty("creationDate", out var c) ? c.GetString() ?? string.Empty : string.Empty;
        return Write(context, w =>
        {
            w.WriteStartElement("epcis", "EPCISDocument", Epcis2.NamespaceName);
            Root(w, context, creation);
            w.WriteStartElement("EPCISBody");
            EventList(w, document.GetProperty("epcisBody").GetProperty("eventList").EnumerateArray(), context);
            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    private static byte[] Write(IReadOnlyDictionary<string, string> context, Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NamespaceHandling = NamespaceHandling.OmitDuplicates };
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            body(w);
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void Root(XmlWriter w, IReadOnlyDictionary<string, string> context, string creationDate)
    {
        w.WriteAttributeString("xmlns", "epcis", null, Epcis2.NamespaceName);
        w.WriteAttributeString("xmlns", "xsi", null, Xsi.NamespaceName);
        w.WriteAttributeString("xmlns", "xsd", null, XmlSchema.NamespaceName);
        w.WriteAttributeString("xmlns", "gs1", null, Gs1Voc);
        w.WriteAttributeString("xmlns", "cbv", null, Cbv);
        var declared = new HashSet<string>(["epcis", "epcisq", "xsi", "xsd", "gs1", "cbv"], StringComparer.Ordinal);
        foreach (var (prefix, iri) in context)
        {
            if (IsPrefix(prefix) && declared.Add(prefix))
            {
                w.WriteAttributeString("xmlns", prefix, null, XmlNamespaceOf(iri));
            }
        }

        w.WriteAttributeString("schemaVersion", "2.0");
        w.WriteAttributeString("creationDate", creationDate);
    }

    private static void EventList(XmlWriter w, IEnumerable<JsonElement> events, IReadOnlyDictionary<string, string> context)
    {
        w.WriteStartElement("EventList");
        var documentScope = JsonLdScope.With(context);
        foreach (var e in events)
        {
            Event(w, e, documentScope);
        }

        w.WriteEndElement();
    }

    private static void Event(XmlWriter w, JsonElement e, JsonLdScope documentScope)
    {
        var type = e.GetProperty("type").GetString()!;
        if (!Sequences.TryGetValue(type, out var sequence))
        {
            throw new MappingException($"'{type}' events have no form in the EPCIS 2.0 XML binding.");
        }

        var scope = documentScope.Enter(e);
        w.WriteStartElement(type);
        DeclareContext(w, e);
        foreach (var name in sequence)
        {
            if (e.TryGetProperty(name, out var value))
            {
                Standard(w, name, value, scope);
            }
        }

        var known = new HashSet<string>(sequence, StringComparer.Ordinal) { "type", "@context" };
        foreach (var p in e.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            Extension(w, p.Name, p.Value, scope);
        }

        w.WriteEndElement();
    }

    private static void Standard(XmlWriter w, string name, JsonElement value, JsonLdScope scope)
    {
        switch (name)
        {
            case "eventTime" or "recordTime" or "eventTimeZoneOffset" or "eventID" or "parentID" or "transformationID" or "action":
                w.WriteElementString(name, Text(value));
                break;
            case "certificationInfo":
                var values = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
                if (values.Count > 1)
                {
                    throw new MappingException("An event with several certificationInfo values has no form in the EPCIS 2.0 XML binding (its XSD allows one).");
                }

                values.ForEach(v => w.WriteElementString(name, Text(v)));
                break;
            case "epcList" or "childEPCs" or "inputEPCList" or "outputEPCList":
                w.WriteStartElement(name);
                foreach (var epc in value.EnumerateArray())
                {
                    w.WriteElementString("epc", Text(epc));
                }

                w.WriteEndElement();
                break;
            case "quantityList" or "childQuantityList" or "inputQuantityList" or "outputQuantityList":
                w.WriteStartElement(name);
                foreach (var q in value.EnumerateArray())
                {
                    Quantity(w, q);
                }

                w.WriteEndElement();
                break;
            case "bizStep":
                w.WriteElementString(name, EpcisXmlVocabulary.CbvToXml(Text(value), EpcisXmlVocabulary.BizStep));
                break;
            case "disposition":
                w.WriteElementString(name, EpcisXmlVocabulary.CbvToXml(Text(value), EpcisXmlVocabulary.Disposition));
                break;
            case "readPoint" or "bizLocation":
                w.WriteStartElement(name);
                DeclareContext(w, value);
                var inner = scope.Enter(value);
                if (value.TryGetProperty("id", out var id))
                {
                    w.WriteElementString("id", Text(id));
                }

                foreach (var p in value.EnumerateObject().Where(p => p.Name is not ("id" or "@context")))
                {
                    Extension(w, p.Name, p.Value, inner);
                }

                w.WriteEndElement();
                break;
            case "bizTransactionList":
                TypedList(w, name, "bizTransaction", value, EpcisXmlVocabulary.BizTransactionType);
                break;
            case "sourceList":
                TypedList(w, name, "source", value, EpcisXmlVocabulary.SourceDestinationType);
                break;
            case "destinationList":
                TypedList(w, name, "destination", value, EpcisXmlVocabulary.SourceDestinationType);
                break;
            case "sensorElementList":
                SensorElements(w, value, scope);
                break;
            case "persistentDisposition":
                w.WriteStartElement(name);
                foreach (var part in new[] { "unset", "set" })
                {
                    if (value.TryGetProperty(part, out var list))
                    {
                        foreach (var v in list.EnumerateArray())
                        {
                            w.WriteElementString(part, EpcisXmlVocabulary.CbvToXml(Text(v), EpcisXmlVocabulary.Disposition));
                        }
                    }
                }

                w.WriteEndElement();
                break;
            case "ilmd":
                w.WriteStartElement(name);
                DeclareContext(w, value);
                var ilmdScope = scope.Enter(value);
                foreach (var p in value.EnumerateObject().Where(p => p.Name != "@context"))
                {
                    Extension(w, p.Name, p.Value, ilmdScope);
                }

                w.WriteEndElement();
                break;
            case "errorDeclaration":
                ErrorDeclaration(w, value, scope);
                break;
        }
    }

    private static void Quantity(XmlWriter w, JsonElement q)
    {
        w.WriteStartElement("quantityElement");
        w.WriteElementString("epcClass", Text(q.GetProperty("epcClass")));
        var hasQuantity = q.TryGetProperty("quantity", out var quantity);
        if (hasQuantity)
        {
            w.WriteElementString("quantity", quantity.GetRawText());
        }

        if (q.TryGetProperty("uom", out var uom))
        {
            if (!hasQuantity)
            {
                throw new MappingException("A quantityElement with a uom but no quantity has no form in the EPCIS 2.0 XML binding.");
            }

            w.WriteElementString("uom", Text(uom));
        }

        w.WriteEndElement();
    }

    private static void TypedList(XmlWriter w, string name, string item, JsonElement list, EpcisXmlVocabulary.CbvKind kind)
    {
        if (list.GetArrayLength() == 0)
        {
            return; // the XSD wants at least one; an empty list says nothing (and adds nothing to the event hash)
        }

        w.WriteStartElement(name);
        foreach (var entry in list.EnumerateArray())
        {
            w.WriteStartElement(item);
            if (entry.TryGetProperty("type", out var type))
            {
                w.WriteAttributeString("type", EpcisXmlVocabulary.CbvToXml(Text(type), kind));
            }

            w.WriteString(entry.TryGetProperty(item, out var v) ? Text(v) : string.Empty);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void ErrorDeclaration(XmlWriter w, JsonElement value, JsonLdScope scope)
    {
        w.WriteStartElement("errorDeclaration");
        DeclareContext(w, value);
        var inner = scope.Enter(value);
        foreach (var p in value.EnumerateObject())
        {
            switch (p.Name)
            {
                case "declarationTime":
                    w.WriteElementString(p.Name, Text(p.Value));
                    break;
                case "reason":
                    w.WriteElementString(p.Name, EpcisXmlVocabulary.CbvToXml(Text(p.Value), EpcisXmlVocabulary.ErrorReason));
                    break;
                case "correctiveEventIDs":
                    w.WriteStartElement(p.Name);
                    foreach (var id in p.Value.EnumerateArray())
                    {
                        w.WriteElementString("correctiveEventID", Text(id));
                    }

                    w.WriteEndElement();
                    break;
                case "@context":
                    break;
                default:
                    Extension(w, p.Name, p.Value, inner);
                    break;
            }
        }

        w.WriteEndElement();
    }

    private static void SensorElements(XmlWriter w, JsonElement list, JsonLdScope scope)
    {
        if (list.GetArrayLength() == 0)
        {
            return;
        }

        w.WriteStartElement("sensorElementList");
        foreach (var element in list.EnumerateArray())
        {
            w.WriteStartElement("sensorElement");
            DeclareContext(w, element);
            var inner = scope.Enter(element);
            if (element.TryGetProperty("sensorMetadata", out var metadata))
            {
                w.WriteStartElement("sensorMetadata");
                SensorAttributes(w, metadata, MetadataAttributes, inner.Enter(metadata));
                w.WriteEndElement();
            }

            if (element.TryGetProperty("sensorReport", out var reports))
            {
                foreach (var report in reports.EnumerateArray())
                {
                    w.WriteStartElement("sensorReport");
                    SensorAttributes(w, report, ReportAttributes, inner.Enter(report));
                    w.WriteEndElement();
                }
            }

            foreach (var p in element.EnumerateObject().Where(p => p.Name is not ("sensorMetadata" or "sensorReport" or "@context")))
            {
                Extension(w, p.Name, p.Value, inner);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void SensorAttributes(XmlWriter w, JsonElement obj, string[] standard, JsonLdScope scope)
    {
        var known = standard.ToHashSet(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Name == "@context")
            {
                continue;
            }

            if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
            {
                throw new MappingException($"'{p.Name}' of a sensor {(standard == MetadataAttributes ? "metadata" : "report")} is not a single value: the EPCIS 2.0 XML binding writes these as attributes.");
            }

            var text = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            if (known.Contains(p.Name))
            {
                text = p.Name switch
                {
                    "type" or "exception" => WebTerm(w, text, Gs1Voc, string.Empty),
                    "component" => WebTerm(w, text, Cbv, "Comp-"),
                    _ => text,
                };
                w.WriteAttributeString(p.Name, text);
                continue;
            }

            var (ns, local, prefix) = ExtensionName(p.Name, scope);
            w.WriteAttributeString(prefix, local, ns, text);
        }
    }

    /// <summary>A bare GS1 web vocabulary term as a CURIE of the prefix bound to its namespace (gs1:Temperature), else its full URI.</summary>
    private static string WebTerm(XmlWriter w, string value, string ns, string termPrefix)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            return value;
        }

        var prefix = w.LookupPrefix(ns);
        return string.IsNullOrEmpty(prefix) ? ns + termPrefix + value : prefix + ":" + termPrefix + value;
    }

    /// <summary>A user extension field as an element (repeated for each element of an array).</summary>
    private static void Extension(XmlWriter w, string name, JsonElement value, JsonLdScope scope)
    {
        if (name.StartsWith('@'))
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                Extension(w, name, item, scope);
            }

            return;
        }

        var (ns, local, prefix) = ExtensionName(name, scope);
        w.WriteStartElement(prefix, local, ns);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                DeclareContext(w, value);
                var inner = scope.Enter(value);
                if (IsStructuredValue(value, inner, out var main))
                {
                    // {"rdf:value": v, "ns:attr": …}: the XML form of an element with attributes and text.
                    foreach (var p in value.EnumerateObject().Where(p => p.Name != "@context" && p.Name != main.Name))
                    {
                        var (ans, alocal, aprefix) = ExtensionName(p.Name, inner);
                        w.WriteAttributeString(aprefix, alocal, ans, Text(p.Value));
                    }

                    Simple(w, main.Value);
                    break;
                }

                foreach (var p in value.EnumerateObject())
                {
                    Extension(w, p.Name, p.Value, inner);
                }

                break;
            default:
                Simple(w, value);
                break;
        }

        w.WriteEndElement();
    }

    /// <summary>An object whose rdf:value is a single value and whose other fields are single values too.</summary>
    private static bool IsStructuredValue(JsonElement value, JsonLdScope scope, out JsonProperty main)
    {
        main = default;
        var found = false;
        foreach (var p in value.EnumerateObject())
        {
            if (p.Name == "@context")
            {
                continue;
            }

            if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return false;
            }

            if (scope.ExtensionName(p.Name) == RdfValueName)
            {
                main = p;
                found = true;
            }
            else if (p.Value.ValueKind == JsonValueKind.Null)
            {
                return false;
            }
        }

        return found;
    }

    private const string RdfValueName = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}value";

    private static void Simple(XmlWriter w, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                w.WriteString(value.GetString());
                break;
            case JsonValueKind.Number:
                var raw = value.GetRawText();
                XsiType(w, raw.Contains('e', StringComparison.OrdinalIgnoreCase) ? "double" : raw.Contains('.', StringComparison.Ordinal) ? "decimal" : "integer");
                w.WriteString(raw);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                XsiType(w, "boolean");
                w.WriteString(value.ValueKind == JsonValueKind.True ? "true" : "false");
                break;
            case JsonValueKind.Null:
                w.WriteAttributeString("xsi", "nil", Xsi.NamespaceName, "true");
                break;
        }
    }

    private static void XsiType(XmlWriter w, string type)
    {
        var prefix = w.LookupPrefix(XmlSchema.NamespaceName);
        if (string.IsNullOrEmpty(prefix))
        {
            prefix = "xsdt";
            w.WriteAttributeString("xmlns", prefix, null, XmlSchema.NamespaceName);
        }

        w.WriteAttributeString("xsi", "type", Xsi.NamespaceName, prefix + ":" + type);
    }

    /// <summary>The XML name of a JSON-LD extension field: its namespace (from the scope), local name and the prefix to write it with.</summary>
    private static (string Ns, string Local, string? Prefix) ExtensionName(string name, JsonLdScope scope)
    {
        var expanded = scope.ExtensionName(name)
            ?? throw new MappingException($"'{name}' is neither a standard field nor a namespaced extension: it has no form in the EPCIS 2.0 XML binding.");
        var close = expanded.IndexOf('}', StringComparison.Ordinal);
        var ns = XmlNamespaceOf(expanded[1..close]);
        var local = XmlConvert.EncodeLocalName(expanded[(close + 1)..]);
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 && IsPrefix(name[..colon]) ? name[..colon] : null;
        return (ns, local, prefix);
    }

    /// <summary>Declares a node's own @context prefixes on the element being written, so its extensions keep their prefixes.</summary>
    private static void DeclareContext(XmlWriter w, JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("@context", out var context))
        {
            return;
        }

        foreach (var item in context.ValueKind == JsonValueKind.Array ? context.EnumerateArray().ToList() : [context])
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var p in item.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && IsPrefix(p.Name)))
            {
                var ns = XmlNamespaceOf(p.Value.GetString()!);
                if (w.LookupPrefix(ns) != p.Name)
                {
                    w.WriteAttributeString("xmlns", p.Name, null, ns);
                }
            }
        }
    }

    private static bool IsPrefix(string prefix)
    {
        if (Reserved.Contains(prefix) || prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            XmlConvert.VerifyNCName(prefix);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
