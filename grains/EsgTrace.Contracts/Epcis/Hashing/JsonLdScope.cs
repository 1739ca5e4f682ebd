using System.Collections.Immutable;
using System.Text.Json;

namespace EsgTrace.Epcis.Hashing;

/// <summary>
/// The JSON-LD names in force at one node of an EPCIS document: the standard context's prefixes (epcis, cbv, gs1, cbvmda,
/// …), then those of the document's @context, then those of every @context on the way down to the node (an event, a
/// readPoint, a sensorElement, an extension object), the nearer one winning. It expands compact IRIs ("example:x",
/// "cbv:Comp-latitude") and names a user extension field "{namespace}localName".
/// </summary>
public sealed class JsonLdScope
{
    /// <summary>The prefixes the EPCIS 2.0 standard context declares.</summary>
    public static readonly ImmutableDictionary<string, string> StandardPrefixes = ImmutableDictionary.CreateRange(StringComparer.Ordinal,
    [
        new KeyValuePair<string, string>("epcis", "https://ref.gs1.org/epcis/"),
        new("cbv", "https://ref.gs1.org/cbv/"),
        new("cbvmda", "urn:epcglobal:cbv:mda:"),
        new("gs1", "https://gs1.org/voc/"),
        new("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        new("owl", "http://www.w3.org/2002/07/owl#"),
        new("xsd", "http://www.w3.org/2001/XMLSchema#"),
        new("dcterms", "http://purl.org/dc/terms/"),
        new("sh", "http://www.w3.org/ns/shacl#"),
        new("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ]);

    public static readonly JsonLdScope Standard = new(StandardPrefixes, null);

    private JsonLdScope(ImmutableDictionary<string, string> terms, string? vocab)
    {
        Terms = terms;
        Vocab = vocab;
    }

    /// <summary>Prefixes and terms, each mapped to its IRI.</summary>
    public ImmutableDictionary<string, string> Terms { get; }

    /// <summary>The @vocab in force, if any: it names fields that are neither standard nor prefixed.</summary>
    public string? Vocab { get; }

    /// <summary>The standard scope with these (document-level) prefixes added.</summary>
    public static JsonLdScope With(IEnumerable<KeyValuePair<string, string>> prefixes) => new(StandardPrefixes.SetItems(prefixes), null);

    /// <summary>This scope, or the one a node's own @context opens (object, or array of objects; remote contexts add nothing).</summary>
    public JsonLdScope Enter(JsonElement node)
        => node.ValueKind == JsonValueKind.Object && node.TryGetProperty("@context", out var context) ? Apply(context) : this;

    public JsonLdScope Apply(JsonElement context)
    {
        var terms = Terms.ToBuilder();
        var vocab = Vocab;
        foreach (var item in context.ValueKind == JsonValueKind.Array ? context.EnumerateArray().ToList() : [context])
        {
            if (item.ValueKind == JsonValueKind.Null)
            {
                // "@context": null resets to the (protected) standard context.
                terms = StandardPrefixes.ToBuilder();
                vocab = null;
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var p in item.EnumerateObject())
            {
                var iri = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()
                    : p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()
                    : null;
                if (iri is null)
                {
                    continue;
                }

                if (p.NameEquals("@vocab"))
                {
                    vocab = Expand(iri, terms);
                }
                else if (!p.Name.StartsWith('@'))
                {
                    terms[p.Name] = Expand(iri, terms);
                }
            }
        }

        return new JsonLdScope(terms.ToImmutable(), vocab);
    }

    /// <summary>A compact IRI (prefix:suffix with a known prefix, suffix not starting "//") expanded; anything else unchanged.</summary>
    public string Expand(string value) => Expand(value, Terms);

    private static string Expand(string value, IReadOnlyDictionary<string, string> terms)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || value.AsSpan(colon + 1).StartsWith("//"))
        {
            return value;
        }

        return terms.TryGetValue(value[..colon], out var ns) ? ns + value[(colon + 1)..] : value;
    }

    /// <summary>
    /// The "{namespace}localName" of a user extension field, or null when the name is no extension (a standard or unknown
    /// bare name without @vocab): "example:myField" → "{https://ns.example.com/epcis/}myField", a term defined as an IRI or
    /// an absolute IRI split after its last '/' or '#', a bare name under @vocab → "{vocab}name".
    /// </summary>
    public string? ExtensionName(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && !name.AsSpan(colon + 1).StartsWith("//"))
        {
            return Terms.TryGetValue(name[..colon], out var ns) ? "{" + ns + "}" + name[(colon + 1)..] : null;
        }

        if (colon > 0)
        {
            return Split(name);
        }

        if (Terms.TryGetValue(name, out var iri) && !StandardPrefixes.ContainsKey(name))
        {
            return Split(iri);
        }

        return Vocab is null ? null : "{" + Vocab + "}" + name;
    }

    private static string? Split(string iri)
    {
        var cut = iri.LastIndexOfAny(['/', '#']);
        return cut <= 0 || cut == iri.Length - 1 ? null : "{" + iri[..(cut + 1)] + "}" + iri[(cut + 1)..];
    }
}
