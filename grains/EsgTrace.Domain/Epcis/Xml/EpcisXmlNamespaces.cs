using System.Xml.Linq;
using EsgTrace.Epcis.Hashing;

namespace EsgTrace.Epcis.Xml;

/// <summary>
/// The namespaces of the EPCIS XML binding, and the JSON-LD prefix each XML namespace of a document gets: the standard
/// context's own prefix for its namespaces (gs1, cbv, cbvmda, …), else the XML prefix it was declared with, unless that
/// prefix is taken (by the standard context or by another namespace), when a numbered one is made.
/// </summary>
public sealed class EpcisXmlNamespaces
{
    public static readonly XNamespace Epcis2 = "urn:epcglobal:epcis:xsd:2";
    public static readonly XNamespace Epcis1 = "urn:epcglobal:epcis:xsd:1";
    public static readonly XNamespace Query2 = "urn:epcglobal:epcis-query:xsd:2";
    public static readonly XNamespace Sbdh = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public static readonly XNamespace XmlSchema = "http://www.w3.org/2001/XMLSchema";

    /// <summary>CBV master data attributes: "urn:epcglobal:cbv:mda" in XML, "urn:epcglobal:cbv:mda:" (cbvmda) in JSON-LD.</summary>
    public const string CbvMdaXml = "urn:epcglobal:cbv:mda";

    /// <summary>Namespaces of the XML machinery itself: never user extensions, never in the JSON @context.</summary>
    private static readonly HashSet<string> Machinery =
    [
        Epcis2.NamespaceName, Epcis1.NamespaceName, Query2.NamespaceName, Sbdh.NamespaceName, Xsi.NamespaceName, XmlSchema.NamespaceName,
        "urn:epcglobal:xsd:1", "urn:epcglobal:epcis-masterdata:xsd:2", "urn:epcglobal:epcis-masterdata:xsd:1", XNamespace.Xml.NamespaceName,
    ];

    private readonly Dictionary<string, string> _prefixOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _context = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(JsonLdScope.StandardPrefixes.Keys, StringComparer.Ordinal);

    /// <summary>The prefixes for every namespace the document declares, in document order.</summary>
    public static EpcisXmlNamespaces Of(XDocument document)
    {
        var map = new EpcisXmlNamespaces();
        foreach (var declaration in document.Descendants().SelectMany(e => e.Attributes()).Where(a => a.IsNamespaceDeclaration))
        {
            map.Declare(declaration.Name.Namespace == XNamespace.Xmlns ? declaration.Name.LocalName : string.Empty, declaration.Value);
        }

        return map;
    }

    /// <summary>The prefixes (and their IRIs) to add to the standard context.</summary>
    public IReadOnlyDictionary<string, string> Context => _context;

    /// <summary>The JSON-LD name of a user extension element or attribute.</summary>
    public string JsonName(XName name) => PrefixOf(name.NamespaceName) + ":" + System.Xml.XmlConvert.DecodeName(name.LocalName);

    public string PrefixOf(string ns) => _prefixOf.TryGetValue(ns, out var prefix) ? prefix : Declare(string.Empty, ns);

    /// <summary>The XML namespace of a JSON-LD namespace IRI (the CBV master data namespace is spelled without its colon in XML).</summary>
    public static string XmlNamespaceOf(string iri) => iri == CbvMdaXml + ":" ? CbvMdaXml : iri;

    private string Declare(string xmlPrefix, string ns)
    {
        if (ns.Length == 0 || Machinery.Contains(ns) || _prefixOf.ContainsKey(ns))
        {
            return _prefixOf.GetValueOrDefault(ns, string.Empty);
        }

        var iri = ns == CbvMdaXml ? CbvMdaXml + ":" : ns;
        var standard = JsonLdScope.StandardPrefixes.FirstOrDefault(p => p.Value == iri).Key;
        if (standard is not null)
        {
            _prefixOf[ns] = standard;
            return standard;
        }

        var prefix = xmlPrefix.Length > 0 && !_taken.Contains(xmlPrefix) ? xmlPrefix : Fresh(xmlPrefix.Length > 0 ? xmlPrefix : "ns");
        _taken.Add(prefix);
        _prefixOf[ns] = prefix;
        _context[prefix] = iri;
        return prefix;
    }

    private string Fresh(string stem)
    {
        for (var i = 1; ; i++)
        {
            if (!_taken.Contains(stem + i))
            {
                return stem + i;
            }
        }
    }
}
