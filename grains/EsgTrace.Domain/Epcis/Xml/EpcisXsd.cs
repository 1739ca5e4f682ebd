using System.Xml;
using System.Xml.Schema;

namespace EsgTrace.Epcis.Xml;

/// <summary>
/// The GS1 EPCIS XML schemas (embedded, see Xsd/PROVENANCE.md), compiled once: EPCIS 2.0 with the query schema (for
/// EPCISDocument and EPCISQueryDocument), and EPCIS 1.2 (for documents in the 1.x namespace). Schemas import one another
/// by file name only; nothing is fetched from outside the assembly.
/// </summary>
public static class EpcisXsd
{
    private static readonly Lazy<XmlSchemaSet> V2 = new(() => Load("EPCglobal-epcis-2_0.xsd", "EPCglobal-epcis-query-2_0.xsd"));
    private static readonly Lazy<XmlSchemaSet> V1 = new(() => Load("EPCglobal-epcis-1_2.xsd"));

    /// <summary>The schemas for EPCIS 2.0 documents and query documents.</summary>
    public static XmlSchemaSet Epcis2 => V2.Value;

    /// <summary>The schemas for EPCIS 1.2 documents.</summary>
    public static XmlSchemaSet Epcis12 => V1.Value;

    /// <summary>Reader settings that never process a DTD and never resolve an external resource (XXE-safe).</summary>
    public static XmlReaderSettings SafeSettings(long maxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static XmlSchemaSet Load(params string[] roots)
    {
        var resolver = new ResourceResolver();
        var set = new XmlSchemaSet { XmlResolver = resolver };
        var settings = SafeSettings(0);
        foreach (var root in roots)
        {
            using var stream = Open(root);
            using var reader = XmlReader.Create(stream, settings, "esgtrace-xsd:///" + root);
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }

    private static Stream Open(string file) => typeof(EpcisXsd).Assembly.GetManifestResourceStream("EsgTrace.Epcis.Xsd." + file)
        ?? throw new InvalidOperationException($"The EPCIS XML schema resource '{file}' is missing.");

    /// <summary>Resolves a schemaLocation to the embedded file of that name; anything else (another host, a path) is refused.</summary>
    private sealed class ResourceResolver : XmlResolver
    {
        public override Uri ResolveUri(Uri? baseUri, string? relativeUri)
            => new("esgtrace-xsd:///" + Path.GetFileName(relativeUri ?? string.Empty));

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (absoluteUri.Scheme != "esgtrace-xsd")
            {
                throw new XmlException($"The EPCIS schemas resolve only their own files, not '{absoluteUri}'.");
            }

            return Open(Path.GetFileName(absoluteUri.AbsolutePath));
        }
    }
}
