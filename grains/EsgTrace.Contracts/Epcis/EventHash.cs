using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Epcis.Hashing;

namespace EsgTrace.Epcis;

/// <summary>
/// The CBV 2.0 event hash ID of an EPCIS 2.0 event (JSON-LD): the SHA-256 of its canonical pre-hash string
/// (<see cref="PreHashBuilder"/>) written "ni:///sha-256;hex?ver=CBV2.0". Two spellings of one event (another key order,
/// time zone or precision, an EPC URN for a Digital Link, a bare CBV term for its URI, another prefix for one namespace)
/// have one pre-hash string, so one hash.
/// </summary>
public static class EventHash
{
    /// <summary>The hash ID of the event, its namespaces resolved from the document's prefixes and the event's own @context.</summary>
    public static string Id(JsonElement @event, IReadOnlyDictionary<string, string> prefixes) => IdOf(PreHash(@event, prefixes));

    /// <summary>The hash ID of a pre-hash string.</summary>
    public static string IdOf(string preHash) => "ni:///sha-256;" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(preHash))) + "?ver=CBV2.0";

    /// <summary>The namespace prefixes a document's @context declares, over the standard context's own.</summary>
    public static Dictionary<string, string> Prefixes(JsonElement document)
    {
        var scope = JsonLdScope.Standard.Enter(document);
        return new Dictionary<string, string>(scope.Terms, StringComparer.Ordinal);
    }

    /// <summary>The canonical pre-hash string of the event.</summary>
    public static string PreHash(JsonElement e, IReadOnlyDictionary<string, string> prefixes) => PreHashBuilder.Build(e, JsonLdScope.With(prefixes));

    /// <summary>UTC with milliseconds, rounded half up ("2023-02-02T11:04:03.1415Z" → ".142Z").</summary>
    public static string Time(string text) => PreHashBuilder.Time(text);

    /// <summary>CBV values: bare terms and CBV 1.x URNs become https://ref.gs1.org/cbv/ URIs, cbv: CURIEs are expanded; anything else is kept.</summary>
    public static string Vocabulary(string value, string webPrefix) => CbvVocabulary.Term(value, CbvVocabulary.Cbv + webPrefix, JsonLdScope.Standard);

    /// <summary>EPC URNs and GS1 Digital Link URIs on any domain become canonical https://id.gs1.org/ URIs; other values are kept.</summary>
    public static string Identifier(string value) => CbvVocabulary.Identifier(value, JsonLdScope.Standard);
}
