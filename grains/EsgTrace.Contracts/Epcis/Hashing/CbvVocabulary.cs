using System.Globalization;
using System.Text.RegularExpressions;
using EsgTrace.Gs1;

namespace EsgTrace.Epcis.Hashing;

/// <summary>
/// Values as the CBV 2.0 event hash writes them. A vocabulary field's bare term becomes its web URI
/// ("shipping" → https://ref.gs1.org/cbv/BizStep-shipping, "Temperature" → https://gs1.org/voc/Temperature, "latitude" →
/// https://ref.gs1.org/cbv/Comp-latitude); compact IRIs are expanded in the node's <see cref="JsonLdScope"/> (standard
/// prefixes and the user's own); CBV 1.x URNs (urn:epcglobal:cbv:bizstep:…, disp, btt, sdt, er) become their web URIs;
/// identifiers become canonical GS1 Digital Links; numbers lose leading "+", leading and trailing zeros.
/// </summary>
public static partial class CbvVocabulary
{
    public const string Cbv = "https://ref.gs1.org/cbv/";
    public const string Gs1Voc = "https://gs1.org/voc/";

    /// <summary>The vocabulary fields and the base a bare term of each is expanded against.</summary>
    public static class Base
    {
        public const string BizStep = Cbv + "BizStep-";
        public const string Disposition = Cbv + "Disp-";
        public const string BizTransactionType = Cbv + "BTT-";
        public const string SourceDestinationType = Cbv + "SDT-";
        public const string ErrorReason = Cbv + "ER-";
        public const string Component = Cbv + "Comp-";
        public const string MeasurementType = Gs1Voc;
        public const string SensorAlert = Gs1Voc;
    }

    private static readonly (string Urn, string Web)[] CbvUrns =
    [
        ("urn:epcglobal:cbv:bizstep:", Base.BizStep), ("urn:epcglobal:cbv:disp:", Base.Disposition), ("urn:epcglobal:cbv:btt:", Base.BizTransactionType),
        ("urn:epcglobal:cbv:sdt:", Base.SourceDestinationType), ("urn:epcglobal:cbv:er:", Base.ErrorReason),
    ];

    /// <summary>A value of a vocabulary-typed field (@type @vocab in the EPCIS context).</summary>
    public static string Term(string value, string bareBase, JsonLdScope scope)
    {
        value = value.Trim();
        var web = FromCbvUrn(value);
        if (web is not null)
        {
            return web;
        }

        var expanded = scope.Expand(value);
        return expanded.Contains(':', StringComparison.Ordinal) ? expanded : bareBase + expanded;
    }

    /// <summary>A value of an identifier field (@type @id): a compact IRI expanded, then its canonical Digital Link if it has one.</summary>
    public static string Identifier(string value, JsonLdScope scope)
    {
        var expanded = scope.Expand(value.Trim());
        return DigitalLink.Canonical(expanded) ?? expanded;
    }

    /// <summary>Any other string value (user extensions, ILMD): compact IRI, CBV URN, plain decimal number, identifier.</summary>
    public static string Value(string value, JsonLdScope scope)
    {
        value = scope.Expand(value.Trim());
        if (FromCbvUrn(value) is { } web)
        {
            return web;
        }

        if (PlainNumber().IsMatch(value) && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return Units.Numbers.Plain(d);
        }

        return DigitalLink.Canonical(value) ?? value;
    }

    public static string? FromCbvUrn(string value)
    {
        foreach (var (urn, web) in CbvUrns)
        {
            if (value.StartsWith(urn, StringComparison.Ordinal))
            {
                return web + value[urn.Length..];
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
