using System.Text.Json;

namespace EsgTrace.Epcis.Xml;

/// <summary>
/// How a standard vocabulary value is spelled in each binding. The XML binding writes CBV terms as CBV 1.x URNs
/// ("urn:epcglobal:cbv:bizstep:shipping") and GS1 web vocabulary terms as gs1:/cbv: CURIEs ("gs1:Temperature",
/// "cbv:Comp-latitude"); the JSON binding writes the bare term ("shipping", "Temperature", "latitude"). Values outside the
/// standard vocabularies (a URI of one's own, a CURIE of a user namespace) are the same in both.
/// </summary>
public static class EpcisXmlVocabulary
{
    public const string Gs1Voc = "https://gs1.org/voc/";
    public const string Cbv = "https://ref.gs1.org/cbv/";

    /// <summary>A CBV vocabulary: its 1.x URN prefix (the XML form) and its web URI prefix.</summary>
    public sealed record CbvKind(string Urn, string Web);

    public static readonly CbvKind BizStep = new("urn:epcglobal:cbv:bizstep:", Cbv + "BizStep-");
    public static readonly CbvKind Disposition = new("urn:epcglobal:cbv:disp:", Cbv + "Disp-");
    public static readonly CbvKind BizTransactionType = new("urn:epcglobal:cbv:btt:", Cbv + "BTT-");
    public static readonly CbvKind SourceDestinationType = new("urn:epcglobal:cbv:sdt:", Cbv + "SDT-");
    public static readonly CbvKind ErrorReason = new("urn:epcglobal:cbv:er:", Cbv + "ER-");

    /// <summary>XML → JSON for a CBV field: its URN or web URI becomes the bare term; anything else is kept.</summary>
    public static string CbvToJson(string value, CbvKind kind)
    {
        if (value.StartsWith(kind.Urn, StringComparison.Ordinal) && value.Length > kind.Urn.Length)
        {
            return value[kind.Urn.Length..];
        }

        return value.StartsWith(kind.Web, StringComparison.Ordinal) && value.Length > kind.Web.Length ? value[kind.Web.Length..] : value;
    }

    /// <summary>JSON → XML for a CBV field: a bare term becomes its URN; anything else (a URI) is kept.</summary>
    public static string CbvToXml(string value, CbvKind kind) => value.Contains(':', StringComparison.Ordinal) ? value : kind.Urn + value;

    /// <summary>
    /// XML → JSON for a GS1 web vocabulary term (sensor type, exception: under https://gs1.org/voc/; component: under
    /// https://ref.gs1.org/cbv/Comp-): its gs1:/cbv: CURIE (the prefix undeclared or declared as the standard one) or full
    /// URI becomes the bare term.
    /// </summary>
    public static string WebTermToJson(string value, string prefix, string webBase, IReadOnlySet<string> terms, Func<string, string?> namespaceOfPrefix)
    {
        var expanded = value;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && !value.AsSpan(colon + 1).StartsWith("//"))
        {
            var p = value[..colon];
            var ns = namespaceOfPrefix(p) ?? (p == prefix ? StandardPrefixIri(prefix) : null);
            if (ns is not null)
            {
                expanded = ns + value[(colon + 1)..];
            }
        }

        // Only a term of the standard vocabulary is shortened; a user's CURIE stays as written (its prefix is in the @context).
        // Only a term the JSON schema lists is shortened (gs1:Molar_concentration stays a CURIE, which means the same).
        return expanded.StartsWith(webBase, StringComparison.Ordinal) && terms.Contains(expanded[webBase.Length..]) ? expanded[webBase.Length..] : value;
    }

    /// <summary>JSON → XML for a GS1 web vocabulary term: a bare term becomes "gs1:Term" (or "cbv:Comp-term").</summary>
    public static string WebTermToXml(string value, string curiePrefix) => value.Contains(':', StringComparison.Ordinal) ? value : curiePrefix + value;

    /// <summary>The bare terms the GS1 JSON schema accepts for a sensor report's type.</summary>
    public static IReadOnlySet<string> MeasurementTypes => Enums.Value["measurementType"];

    /// <summary>The bare terms the GS1 JSON schema accepts for a sensor report's exception.</summary>
    public static IReadOnlySet<string> SensorAlerts => Enums.Value["sensorAlertType"];

    /// <summary>The bare terms the GS1 JSON schema accepts for a sensor report's component.</summary>
    public static IReadOnlySet<string> Components => Enums.Value["component"];

    private static readonly Lazy<Dictionary<string, HashSet<string>>> Enums = new(() =>
    {
        using var stream = typeof(EpcisSchema).Assembly.GetManifestResourceStream("EsgTrace.Epcis.EPCIS-JSON-Schema.json")
            ?? throw new InvalidOperationException("The EPCIS schema resource is missing.");
        using var schema = JsonDocument.Parse(stream);
        var definitions = schema.RootElement.GetProperty("definitions");
        return new[] { "measurementType", "sensorAlertType", "component" }.ToDictionary(
            name => name,
            name => definitions.GetProperty(name).GetProperty("anyOf").EnumerateArray()
                .Where(a => a.TryGetProperty("enum", out _)).SelectMany(a => a.GetProperty("enum").EnumerateArray()).Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal));
    });

    private static string? StandardPrefixIri(string prefix) => prefix switch
    {
        "gs1" => Gs1Voc,
        "cbv" => Cbv,
        _ => null,
    };
}
