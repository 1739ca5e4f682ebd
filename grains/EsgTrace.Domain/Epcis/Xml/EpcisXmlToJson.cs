using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using static EsgTrace.Epcis.Xml.EpcisXmlNamespaces;

namespace EsgTrace.Epcis.Xml;

/// <summary>
/// The XML → JSON mapping of the EPCIS 2.0 bindings, for a document already valid against the XSD. Lists lose their item
/// wrappers (epcList/epc → "epcList": [...], quantityList/quantityElement → [{epcClass, quantity, uom}], bizTransactionList,
/// sourceList, destinationList → [{type, bizTransaction|source|destination}], sensorElementList/sensorElement →
/// [{sensorMetadata, sensorReport: [...]}], correctiveEventIDs/correctiveEventID, persistentDisposition set/unset); the
/// `extension`/`baseExtension` wrappers (EPCIS 1.x style, and 2.0's own) are dissolved into their parent; CBV values become
/// bare terms (urn:epcglobal:cbv:bizstep:shipping → "shipping", gs1:Temperature → "Temperature", cbv:Comp-x → "x");
/// sensor attributes become fields (numbers as numbers, booleanValue as a boolean). A user extension element
/// {ns}name becomes "prefix:name" with prefix → ns in the @context; its content is a string, or a number/boolean/null
/// when its xsi:type (or xsi:nil) says so, or an object of its child elements (repeated ones as an array) and attributes.
/// </summary>
public static partial class EpcisXmlToJson
{
    public const string StandardContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    private static readonly HashSet<string> EventTypes = ["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"];
    private static readonly HashSet<string> EpcLists = ["epcList", "childEPCs", "inputEPCList", "outputEPCList"];
    private static readonly HashSet<string> QuantityLists = ["quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"];
    private static readonly HashSet<string> Texts = ["eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "certificationInfo", "parentID", "transformationID", "action"];
    private static readonly HashSet<string> NumberAttributes = ["value", "minValue", "maxValue", "sDev", "meanValue", "percRank", "percValue"];

    /// <summary>The field that holds an extension element's text when it also has attributes.</summary>
    public const string RdfValue = "rdf:value";

    private static readonly HashSet<string> XsdNumbers =
    [
        "decimal", "integer", "int", "long", "short", "byte", "double", "float", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
        "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    ];

    /// <summary>The JSON document (UTF-8) for a valid EPCIS XML document.</summary>
    public static byte[] Convert(XDocument document)
    {
        var root = document.Root!;
        var names = Of(document);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            var query = root.Name.Namespace == Query2;
            var eventList = query
                ? root.Element("EPCISBody")?.Element(Query2 + "QueryResults")?.Element("resultsBody")?.Element("EventList")
                : root.Element("EPCISBody")?.Element("EventList");
            if (query && eventList is null)
            {
                throw new MappingException("Only an EPCISQueryDocument with QueryResults holding an EventList can be captured.", root);
            }

            // The events first, into their own buffer: the @context written before them must list every prefix they use.
            var events = new ArrayBufferWriter<byte>(16 * 1024);
            using (var ew = new Utf8JsonWriter(events))
            {
                ew.WriteStartArray();
                if (eventList is not null)
                {
                    foreach (var e in Dissolve(eventList))
                    {
                        if (e.Name.Namespace != XNamespace.None || !EventTypes.Contains(e.Name.LocalName))
                        {
                            throw new MappingException($"<{e.Name.LocalName}> ({e.Name.NamespaceName}) is not an EPCIS 2.0 event type: only ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent and AssociationEvent are captured.", e);
                        }

                        Event(ew, e, names);
                    }
                }

                ew.WriteEndArray();
            }

            w.WriteStartObject();
            w.WriteStartArray("@context");
            w.WriteStringValue(StandardContext);
            if (names.Context.Count > 0)
            {
                w.WriteStartObject();
                foreach (var (prefix, iri) in names.Context)
                {
                    w.WriteString(prefix, iri);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("type", query ? "EPCISQueryDocument" : "EPCISDocument");
            var version = (string?)root.Attribute("schemaVersion") ?? "2.0";
            w.WriteString("schemaVersion", root.Name.Namespace == Epcis1 || !VersionPattern().IsMatch(version) ? "2.0" : version);
            w.WriteString("creationDate", WithZone(((string?)root.Attribute("creationDate"))?.Trim() ?? string.Empty));
            if (!query)
            {
                Header(w, root.Element("EPCISHeader"), names);
            }

            w.WriteStartObject("epcisBody");
            if (query)
            {
                var results = root.Element("EPCISBody")!.Element(Query2 + "QueryResults")!;
                w.WriteStartObject("queryResults");
                w.WriteString("queryName", results.Element("queryName")?.Value.Trim());
                if (results.Element("subscriptionID") is { } subscription)
                {
                    w.WriteString("subscriptionID", subscription.Value.Trim());
                }

                w.WriteStartObject("resultsBody");
                w.WritePropertyName("eventList");
                w.WriteRawValue(events.WrittenSpan, skipInputValidation: true);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else
            {
                w.WritePropertyName("eventList");
                w.WriteRawValue(events.WrittenSpan, skipInputValidation: true);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The children of an element with every `extension`/`baseExtension` wrapper (of the EPCIS vocabulary: unqualified) dissolved.</summary>
    internal static IEnumerable<XElement> Dissolve(XElement parent)
    {
        foreach (var child in parent.Elements())
        {
            if (child.Name.Namespace == XNamespace.None && child.Name.LocalName is "extension" or "baseExtension")
            {
                foreach (var inner in Dissolve(child))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return child;
            }
        }
    }

    private static void Header(Utf8JsonWriter w, XElement? header, EpcisXmlNamespaces names)
    {
        if (header is null)
        {
            return;
        }

        if (header.Element(Sbdh + "StandardBusinessDocumentHeader") is { } sbdh)
        {
            if (sbdh.Element(Sbdh + "Sender")?.Element(Sbdh + "Identifier") is { } sender)
            {
                w.WriteString("sender", sender.Value.Trim());
            }

            if (sbdh.Element(Sbdh + "Receiver")?.Element(Sbdh + "Identifier") is { } receiver)
            {
                w.WriteString("receiver", receiver.Value.Trim());
            }

            if (sbdh.Element(Sbdh + "DocumentIdentification")?.Element(Sbdh + "InstanceIdentifier") is { } instance)
            {
                w.WriteString("instanceIdentifier", instance.Value.Trim());
            }
        }

        var vocabularies = Dissolve(header).FirstOrDefault(e => e.Name.LocalName == "EPCISMasterData" && e.Name.Namespace == XNamespace.None)?.Element("VocabularyList");
        if (vocabularies is null)
        {
            return;
        }

        w.WriteStartObject("epcisHeader");
        w.WriteStartObject("epcisMasterData");
        w.WriteStartArray("vocabularyList");
        foreach (var vocabulary in vocabularies.Elements("Vocabulary"))
        {
            w.WriteStartObject();
            w.WriteString("type", (string?)vocabulary.Attribute("type"));
            w.WriteStartArray("vocabularyElementList");
            foreach (var element in vocabulary.Element("VocabularyElementList")?.Elements("VocabularyElement") ?? [])
            {
                w.WriteStartObject();
                w.WriteString("id", (string?)element.Attribute("id"));
                var attributes = element.Elements("attribute").ToList();
                if (attributes.Count > 0)
                {
                    w.WriteStartArray("attributes");
                    foreach (var attribute in attributes)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", (string?)attribute.Attribute("id"));
                        w.WritePropertyName("attribute");
                        if (attribute.HasElements)
                        {
                            w.WriteStartObject();
                            ExtensionFields(w, attribute.Elements(), names, XNamespace.None);
                            w.WriteEndObject();
                        }
                        else
                        {
                            w.WriteStringValue(attribute.Value.Trim());
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                if (element.Element("children") is { } children)
                {
                    w.WriteStartArray("children");
                    foreach (var id in children.Elements("id"))
                    {
                        w.WriteStringValue(id.Value.Trim());
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Event(Utf8JsonWriter w, XElement e, EpcisXmlNamespaces names)
    {
        w.WriteStartObject();
        w.WriteString("type", e.Name.LocalName);
        var extensions = new List<XElement>();
        foreach (var child in Dissolve(e))
        {
            if (child.Name.Namespace != XNamespace.None)
            {
                extensions.Add(child);
                continue;
            }

            var name = child.Name.LocalName;
            if (Texts.Contains(name))
            {
                w.WriteString(name, child.Value.Trim());
            }
            else if (EpcLists.Contains(name))
            {
                w.WriteStartArray(name);
                foreach (var epc in Items(child, "epc"))
                {
                    w.WriteStringValue(epc.Value.Trim());
                }

                w.WriteEndArray();
            }
            else if (QuantityLists.Contains(name))
            {
                w.WriteStartArray(name);
                foreach (var q in Items(child, "quantityElement"))
                {
                    Quantity(w, q);
                }

                w.WriteEndArray();
            }
            else
            {
                switch (name)
                {
                    case "bizStep":
                        w.WriteString(name, EpcisXmlVocabulary.CbvToJson(child.Value.Trim(), EpcisXmlVocabulary.BizStep));
                        break;
                    case "disposition":
                        w.WriteString(name, EpcisXmlVocabulary.CbvToJson(child.Value.Trim(), EpcisXmlVocabulary.Disposition));
                        break;
                    case "readPoint" or "bizLocation":
                        Location(w, child, names);
                        break;
                    case "bizTransactionList":
                        TypedList(w, child, "bizTransaction", EpcisXmlVocabulary.BizTransactionType);
                        break;
                    case "sourceList":
                        TypedList(w, child, "source", EpcisXmlVocabulary.SourceDestinationType);
                        break;
                    case "destinationList":
                        TypedList(w, child, "destination", EpcisXmlVocabulary.SourceDestinationType);
                        break;
                    case "sensorElementList":
                        SensorElements(w, child, names);
                        break;
                    case "persistentDisposition":
                        PersistentDisposition(w, child);
                        break;
                    case "ilmd":
                        w.WriteStartObject("ilmd");
                        ExtensionFields(w, Dissolve(child), names, XNamespace.None);
                        w.WriteEndObject();
                        break;
                    case "errorDeclaration":
                        ErrorDeclaration(w, child, names);
                        break;
                    default:
                        throw new MappingException($"<{name}> is no element of an EPCIS 2.0 {e.Name.LocalName} and has no namespace: the JSON binding has no field for it.", child);
                }
            }
        }

        ExtensionFields(w, extensions, names, XNamespace.None);
        w.WriteEndObject();
    }

    /// <summary>The item elements of a list (an unexpected element in a list is refused, not dropped).</summary>
    private static IEnumerable<XElement> Items(XElement list, string item)
    {
        foreach (var child in Dissolve(list))
        {
            if (child.Name != item)
            {
                throw new MappingException($"<{list.Name.LocalName}> holds <{item}> elements only; the JSON binding has no place for <{child.Name.LocalName}>.", child);
            }

            yield return child;
        }
    }

    private static void Quantity(Utf8JsonWriter w, XElement q)
    {
        w.WriteStartObject();
        w.WriteString("epcClass", q.Element("epcClass")?.Value.Trim());
        if (q.Element("quantity") is { } quantity && (string?)quantity.Attribute(Xsi + "nil") is not ("true" or "1"))
        {
            w.WritePropertyName("quantity");
            w.WriteRawValue(Number(quantity.Value, quantity));
        }

        if (q.Element("uom") is { } uom)
        {
            w.WriteString("uom", uom.Value.Trim());
        }

        w.WriteEndObject();
    }

    private static void Location(Utf8JsonWriter w, XElement location, EpcisXmlNamespaces names)
    {
        w.WriteStartObject(location.Name.LocalName);
        var extensions = new List<XElement>();
        foreach (var child in Dissolve(location))
        {
            if (child.Name == "id")
            {
                w.WriteString("id", child.Value.Trim());
            }
            else if (child.Name.Namespace != XNamespace.None)
            {
                extensions.Add(child);
            }
            else
            {
                throw new MappingException($"<{child.Name.LocalName}> in <{location.Name.LocalName}> has no namespace: the JSON binding has no field for it.", child);
            }
        }

        ExtensionFields(w, extensions, names, XNamespace.None);
        w.WriteEndObject();
    }

    private static void TypedList(Utf8JsonWriter w, XElement list, string item, EpcisXmlVocabulary.CbvKind kind)
    {
        w.WriteStartArray(list.Name.LocalName);
        foreach (var entry in Items(list, item))
        {
            w.WriteStartObject();
            if ((string?)entry.Attribute("type") is { } type)
            {
                w.WriteString("type", EpcisXmlVocabulary.CbvToJson(type.Trim(), kind));
            }

            w.WriteString(item, entry.Value.Trim());
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void PersistentDisposition(Utf8JsonWriter w, XElement element)
    {
        w.WriteStartObject("persistentDisposition");
        foreach (var part in new[] { "set", "unset" })
        {
            var values = element.Elements(part).ToList();
            if (values.Count > 0)
            {
                w.WriteStartArray(part);
                foreach (var v in values)
                {
                    w.WriteStringValue(EpcisXmlVocabulary.CbvToJson(v.Value.Trim(), EpcisXmlVocabulary.Disposition));
                }

                w.WriteEndArray();
            }
        }

        w.WriteEndObject();
    }

    private static void ErrorDeclaration(Utf8JsonWriter w, XElement declaration, EpcisXmlNamespaces names)
    {
        w.WriteStartObject("errorDeclaration");
        var extensions = new List<XElement>();
        foreach (var child in Dissolve(declaration))
        {
            switch (child.Name.LocalName)
            {
                case "declarationTime" when child.Name.Namespace == XNamespace.None:
                    w.WriteString("declarationTime", child.Value.Trim());
                    break;
                case "reason" when child.Name.Namespace == XNamespace.None:
                    w.WriteString("reason", EpcisXmlVocabulary.CbvToJson(child.Value.Trim(), EpcisXmlVocabulary.ErrorReason));
                    break;
                case "correctiveEventIDs" when child.Name.Namespace == XNamespace.None:
                    w.WriteStartArray("correctiveEventIDs");
                    foreach (var id in Items(child, "correctiveEventID"))
                    {
                        w.WriteStringValue(id.Value.Trim());
                    }

                    w.WriteEndArray();
                    break;
                default:
                    if (child.Name.Namespace == XNamespace.None)
                    {
                        throw new MappingException($"<{child.Name.LocalName}> in <errorDeclaration> has no namespace: the JSON binding has no field for it.", child);
                    }

                    extensions.Add(child);
                    break;
            }
        }

        ExtensionFields(w, extensions, names, XNamespace.None);
        w.WriteEndObject();
    }

    private static void SensorElements(Utf8JsonWriter w, XElement list, EpcisXmlNamespaces names)
    {
        w.WriteStartArray("sensorElementList");
        foreach (var element in Items(list, "sensorElement"))
        {
            w.WriteStartObject();
            var reports = new List<XElement>();
            var extensions = new List<XElement>();
            foreach (var child in Dissolve(element))
            {
                if (child.Name == "sensorMetadata")
                {
                    w.WritePropertyName("sensorMetadata");
                    SensorAttributes(w, child, names);
                }
                else if (child.Name == "sensorReport")
                {
                    reports.Add(child);
                }
                else if (child.Name.Namespace != XNamespace.None)
                {
                    extensions.Add(child);
                }
                else
                {
                    throw new MappingException($"<{child.Name.LocalName}> in <sensorElement> has no namespace: the JSON binding has no field for it.", child);
                }
            }

            w.WriteStartArray("sensorReport");
            foreach (var report in reports)
            {
                SensorAttributes(w, report, names);
            }

            w.WriteEndArray();
            ExtensionFields(w, extensions, names, XNamespace.None);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>sensorMetadata and sensorReport: each attribute a field; extension attributes prefixed.</summary>
    private static void SensorAttributes(Utf8JsonWriter w, XElement element, EpcisXmlNamespaces names)
    {
        if (element.Value.Trim().Length > 0)
        {
            throw new MappingException($"<{element.Name.LocalName}> carries its data in attributes; the JSON binding has no field for its text.", element);
        }

        w.WriteStartObject();
        foreach (var a in element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace != Xsi))
        {
            if (a.Name.Namespace != XNamespace.None)
            {
                w.WriteString(names.JsonName(a.Name), a.Value);
                continue;
            }

            var name = a.Name.LocalName;
            var value = a.Value.Trim();
            string? Declared(string prefix) => element.GetNamespaceOfPrefix(prefix)?.NamespaceName;
            if (NumberAttributes.Contains(name))
            {
                w.WritePropertyName(name);
                w.WriteRawValue(Number(value, a));
            }
            else if (name == "booleanValue")
            {
                w.WriteBoolean(name, value is "true" or "1");
            }
            else if (name is "type" or "exception")
            {
                w.WriteString(name, EpcisXmlVocabulary.WebTermToJson(value, "gs1", EpcisXmlVocabulary.Gs1Voc, name == "type" ? EpcisXmlVocabulary.MeasurementTypes : EpcisXmlVocabulary.SensorAlerts, Declared));
            }
            else if (name == "component")
            {
                w.WriteString(name, EpcisXmlVocabulary.WebTermToJson(value, "cbv", EpcisXmlVocabulary.Cbv + "Comp-", EpcisXmlVocabulary.Components, Declared));
            }
            else
            {
                w.WriteString(name, value);
            }
        }

        w.WriteEndObject();
    }

    /// <summary>User extension elements as fields: one per name, repeated names as an array, in document order.</summary>
    private static void ExtensionFields(Utf8JsonWriter w, IEnumerable<XElement> elements, EpcisXmlNamespaces names, XNamespace inherited)
    {
        foreach (var group in elements.GroupBy(e => e.Name.Namespace == XNamespace.None ? inherited + e.Name.LocalName : e.Name))
        {
            if (group.Key.Namespace == XNamespace.None)
            {
                var first = group.First();
                throw new MappingException($"<{first.Name.LocalName}> has no namespace: a user extension element needs one (it names the JSON-LD field).", first);
            }

            w.WritePropertyName(names.JsonName(group.Key));
            var items = group.ToList();
            if (items.Count == 1)
            {
                ExtensionValue(w, items[0], names, group.Key.Namespace);
            }
            else
            {
                w.WriteStartArray();
                foreach (var item in items)
                {
                    ExtensionValue(w, item, names, group.Key.Namespace);
                }

                w.WriteEndArray();
            }
        }
    }

    private static void ExtensionValue(Utf8JsonWriter w, XElement e, EpcisXmlNamespaces names, XNamespace ns)
    {
        var attributes = e.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace != Xsi).ToList();
        var hasText = e.Nodes().OfType<XText>().Any(t => t.Value.Trim().Length > 0);
        if (e.HasElements || attributes.Count > 0)
        {
            if (hasText && e.HasElements)
            {
                throw new MappingException($"<{e.Name.LocalName}> mixes text with elements: the JSON binding has no form for that.", e);
            }

            w.WriteStartObject();
            foreach (var a in attributes)
            {
                w.WriteString(names.JsonName(a.Name.Namespace == XNamespace.None ? ns + a.Name.LocalName : a.Name), a.Value);
            }

            if (hasText)
            {
                // Text beside attributes (<cbvmda:netWeight measurementUnitCode="KGM">3.5</…>): RDF's main value of a structured value.
                w.WritePropertyName(RdfValue);
                SimpleValue(w, e);
            }

            // Unqualified children of an extension element take its namespace: JSON-LD has no name without one.
            ExtensionFields(w, e.Elements(), names, ns);
            w.WriteEndObject();
            return;
        }

        SimpleValue(w, e);
    }

    /// <summary>The text of an element as a string, or as a number, boolean or null when its xsi:type or xsi:nil says so.</summary>
    private static void SimpleValue(Utf8JsonWriter w, XElement e)
    {
        if ((string?)e.Attribute(Xsi + "nil") is "true" or "1")
        {
            w.WriteNullValue();
            return;
        }

        var text = e.Value.Trim();
        var type = (string?)e.Attribute(Xsi + "type");
        if (type is not null && ResolveType(e, type) is { } xsdType && xsdType.Namespace == XmlSchema)
        {
            if (xsdType.LocalName == "boolean")
            {
                w.WriteBooleanValue(text is "true" or "1");
                return;
            }

            if (XsdNumbers.Contains(xsdType.LocalName))
            {
                w.WriteRawValue(Number(text, e));
                return;
            }
        }

        w.WriteStringValue(text);
    }

    private static XName? ResolveType(XElement e, string qname)
    {
        var colon = qname.IndexOf(':', StringComparison.Ordinal);
        var ns = colon < 0 ? e.GetDefaultNamespace() : e.GetNamespaceOfPrefix(qname[..colon].Trim());
        return ns is null ? null : ns + qname[(colon + 1)..].Trim();
    }

    /// <summary>A number in JSON's syntax: kept as written when it already is one, else the same value re-spelled ("+5", "5.", ".5").</summary>
    private static string Number(string text, XObject at)
    {
        text = text.Trim();
        if (JsonNumber().IsMatch(text))
        {
            return text;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d.ToString(CultureInfo.InvariantCulture);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x))
        {
            return x.ToString("R", CultureInfo.InvariantCulture);
        }

        throw new MappingException($"'{text}' is no finite number: the JSON binding has no form for it.", at);
    }

    /// <summary>xsd:dateTime allows no zone on creationDate; JSON's date-time needs one: a time without one is read as UTC.</summary>
    private static string WithZone(string time)
        => time.Length == 0 || time.EndsWith('Z') || ZoneSuffix().IsMatch(time) ? time : time + "Z";

    [GeneratedRegex(@"^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"[+-]\d\d:\d\d$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneSuffix();

    [GeneratedRegex(@"^\d+(\.\d+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
