using System.Xml;
using System.Xml.Linq;

namespace EsgTrace.Epcis.Xml;

/// <summary>A part of an XML document the JSON binding has no form for (or a JSON event the XML binding has none for), with where it is.</summary>
public sealed class MappingException : Exception
{
    public MappingException(string message, int line = 0, int position = 0, string? element = null)
        : base(message)
    {
        Line = line;
        Position = position;
        Element = element;
    }

    public MappingException(string message, XObject at)
        : this(message, ((IXmlLineInfo)at).LineNumber, ((IXmlLineInfo)at).LinePosition, at is XElement e ? e.Name.LocalName : (at as XAttribute)?.Name.LocalName)
    {
    }

    public MappingException()
    {
    }

    public MappingException(string message)
        : base(message)
    {
    }

    public MappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }

    public int Position { get; }

    public string? Element { get; }
}
