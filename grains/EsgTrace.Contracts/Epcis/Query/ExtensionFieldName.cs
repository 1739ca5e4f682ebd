using EsgTrace.Epcis.Hashing;

namespace EsgTrace.Epcis.Query;

/// <summary>
/// The name of a user extension (or ILMD) field in a query parameter. The standard's fully qualified form is the
/// namespace URI, '#', the local name ("https://ns.example.com/epcis#myField"; a URI ending in '/' with the local name
/// after it is read the same); the REST binding's form is a compact IRI ("example:myField"), whose prefix is resolved with
/// each event's own names (its document's and its own @context) as captured. A trailing '/' or '#' of a namespace is not
/// significant, so XML's "https://ns.example.com/epcis" and JSON-LD's "https://ns.example.com/epcis/" are one namespace.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-extension-name")]
public sealed record ExtensionFieldName(string Text, string? Qualified)
{
    /// <summary>The name, or null when the text is no extension field name (neither a compact IRI nor a namespace URI with a local name).</summary>
    public static ExtensionFieldName? Parse(string text)
    {
        var hash = text.LastIndexOf('#');
        if (hash > 0 && hash < text.Length - 1 && text[..hash].Contains(':', StringComparison.Ordinal))
        {
            return new(text, Key(text[..hash], text[(hash + 1)..]));
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            var slash = text.LastIndexOf('/');
            return slash > scheme + 3 && slash < text.Length - 1 ? new(text, Key(text[..slash], text[(slash + 1)..])) : null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < text.Length - 1 && char.IsAsciiLetter(text[0]) && !text.Contains(' ', StringComparison.Ordinal) ? new(text, null) : null;
    }

    /// <summary>True when an event field of this name, read in the given scope, is this field.</summary>
    public bool Names(string fieldName, JsonLdScope scope)
    {
        if (fieldName == Text)
        {
            return true;
        }

        var target = Qualified ?? Normalised(scope.ExtensionName(Text));
        return target is not null && Normalised(scope.ExtensionName(fieldName)) == target;
    }

    private static string Key(string ns, string local) => "{" + ns.TrimEnd('/', '#') + "}" + local;

    /// <summary>JsonLdScope's "{namespace}local" with the namespace's trailing '/' or '#' dropped.</summary>
    private static string? Normalised(string? extensionName)
    {
        if (extensionName is null)
        {
            return null;
        }

        var close = extensionName.IndexOf('}', StringComparison.Ordinal);
        return Key(extensionName[1..close], extensionName[(close + 1)..]);
    }
}
