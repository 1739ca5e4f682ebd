using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace EsgTrace.Epcis.Xml;

/// <summary>An XML document read for capture: its JSON form (the JSON binding's EPCISDocument), or why it is refused.</summary>
public sealed record EpcisXmlRead(byte[]? Json, IReadOnlyList<EpcisProblem> Problems)
{
    public bool IsValid => Problems.Count == 0 && Json is not null;
}

/// <summary>
/// Reads an EPCIS XML document (EPCISDocument or EPCISQueryDocument, EPCIS 2.0; EPCISDocument 1.2 too): well-formed, no DTD
/// and nothing resolved from outside (XXE-safe), no deeper than <see cref="MaxDepth"/>, valid against the GS1 XSD, then
/// converted to the JSON binding's form (<see cref="EpcisXmlToJson"/>) so it is captured, hashed and stored exactly as the
/// same document sent as JSON. Every refusal names the line, position and element.
/// </summary>
public static class EpcisXmlReader
{
    /// <summary>Deepest element nesting accepted (the standard's structures need about 12; the JSON form of a document stays within its reader's 64).</summary>
    public const int MaxDepth = 32;

    /// <summary>Schema errors reported at most, per document.</summary>
    public const int MaxErrors = 20;

    public static EpcisXmlRead Read(byte[] body, long maxCharacters)
    {
        XNamespace rootNamespace;
        try
        {
            rootNamespace = CheckShape(body, maxCharacters);
        }
        catch (XmlException ex)
        {
            var (line, position) = ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition) : DoctypeAt(body);
            return Refused(Problem(line, position, ex.LineNumber > 0 ? null : "!DOCTYPE", "The body is not an acceptable XML document: " + Sentence(ex.Message)));
        }
        catch (MappingException ex)
        {
            return Refused(Problem(ex.Line, ex.Position, ex.Element, ex.Message));
        }

        var schemas = rootNamespace == EpcisXmlNamespaces.Epcis1 ? EpcisXsd.Epcis12 : EpcisXsd.Epcis2;
        var problems = new List<EpcisProblem>();
        var settings = EpcisXsd.SafeSettings(maxCharacters);
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = schemas;
        // No inline schemas and no xsi:schemaLocation: a document is checked against GS1's schemas only.
        settings.ValidationFlags = XmlSchemaValidationFlags.ProcessIdentityConstraints | XmlSchemaValidationFlags.AllowXmlAttributes;
        settings.ValidationEventHandler += (sender, e) =>
        {
            if (e.Severity == XmlSeverityType.Error && problems.Count < MaxErrors)
            {
                var element = sender is XmlReader r && r.NodeType is XmlNodeType.Element or XmlNodeType.Attribute ? r.Name : null;
                problems.Add(Problem(e.Exception.LineNumber, e.Exception.LinePosition, element, "Not valid against the GS1 EPCIS XSD: " + Sentence(e.Message)));
            }
        };

        XDocument document;
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return Refused(Problem(ex.LineNumber, ex.LinePosition, null, "The body is not an acceptable XML document: " + Sentence(ex.Message)));
        }

        if (problems.Count > 0)
        {
            return new EpcisXmlRead(null, problems);
        }

        try
        {
            return new EpcisXmlRead(EpcisXmlToJson.Convert(document), []);
        }
        catch (MappingException ex)
        {
            return Refused(Problem(ex.Line, ex.Position, ex.Element, ex.Message));
        }
    }

    /// <summary>A first, streaming pass: well-formed, no DTD, not too deep, and an EPCIS root element; gives the root's namespace.</summary>
    private static XNamespace CheckShape(byte[] body, long maxCharacters)
    {
        using var stream = new MemoryStream(body, writable: false);
        using var reader = XmlReader.Create(stream, EpcisXsd.SafeSettings(maxCharacters));
        XNamespace? root = null;
        while (Next(reader))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var info = (IXmlLineInfo)reader;
            if (reader.Depth >= MaxDepth)
            {
                throw new MappingException($"Elements are nested deeper than {MaxDepth} levels.", info.LineNumber, info.LinePosition, reader.Name);
            }

            if (root is null)
            {
                root = reader.NamespaceURI;
                var known = (reader.LocalName == "EPCISDocument" && (root == EpcisXmlNamespaces.Epcis2 || root == EpcisXmlNamespaces.Epcis1))
                            || (reader.LocalName == "EPCISQueryDocument" && root == EpcisXmlNamespaces.Query2);
                if (!known)
                {
                    throw new MappingException(
                        $"The root element must be an EPCISDocument ({EpcisXmlNamespaces.Epcis2.NamespaceName}, or {EpcisXmlNamespaces.Epcis1.NamespaceName}) or an EPCISQueryDocument ({EpcisXmlNamespaces.Query2.NamespaceName}), not {{{reader.NamespaceURI}}}{reader.LocalName}.",
                        info.LineNumber, info.LinePosition, reader.Name);
                }
            }
        }

        return root ?? throw new XmlException("The document has no root element.");
    }

    /// <summary>The next node; a refusal without a position of its own (a DTD) gets the reader's.</summary>
    private static bool Next(XmlReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (XmlException ex) when (ex.LineNumber == 0 && reader is IXmlLineInfo { LineNumber: > 0 } info)
        {
            throw new XmlException(ex.Message, ex, info.LineNumber, info.LinePosition);
        }
    }

    /// <summary>Where the DOCTYPE declaration is (the reader refuses it before it counts lines).</summary>
    private static (int Line, int Position) DoctypeAt(byte[] body)
    {
        var at = body.AsSpan().IndexOf("<!DOCTYPE"u8);
        if (at < 0)
        {
            return (0, 0);
        }

        var before = body.AsSpan(0, at);
        var line = before.Count((byte)'\n') + 1;
        return (line, at - (before.LastIndexOf((byte)'\n') + 1) + 1);
    }

    private static EpcisXmlRead Refused(EpcisProblem problem) => new(null, [problem]);

    private static EpcisProblem Problem(int line, int position, string? element, string message)
        => EpcisProblem.Invalid(line > 0 ? $"Line {line}, position {position}{(element is null ? string.Empty : $" (<{element}>)")}: {message}" : message);

    private static string Sentence(string message) => message.EndsWith('.') ? message : message + ".";
}
