using EsgTrace.Gs1;

namespace EsgTrace.Epcis.Query;

/// <summary>
/// An EPC pattern of the Tag Data Standard (urn:epc:idpat:sgtin:0614141.112345.*, …:0614141.*.*, …:*.*.*) as MATCH_
/// parameters take it (EPCIS 2.0 section 8.2.7.1.1): each field either a value or '*', the '*'s trailing. It matches an
/// identifier written as an EPC URN (id, class or pattern) field by field, and one written as a GS1 Digital Link by
/// splitting the Digital Link's key at the pattern's company-prefix length (the only place a Digital Link has lost the
/// partition); a pattern whose company prefix is '*' matches every identifier of its scheme.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-epc-pattern")]
public sealed record EpcPattern(string Scheme, IReadOnlyList<string> Fields)
{
    public const string Prefix = "urn:epc:idpat:";

    /// <summary>Schemes and their field counts, as the Tag Data Standard writes their EPC pure identity patterns.</summary>
    public static readonly IReadOnlyDictionary<string, int> Schemes = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["sgtin"] = 3, ["sscc"] = 2, ["sgln"] = 3, ["grai"] = 3, ["giai"] = 2, ["gsrn"] = 2, ["gsrnp"] = 2, ["gdti"] = 3, ["sgcn"] = 3,
        ["pgln"] = 2, ["ginc"] = 2, ["gsin"] = 2, ["cpi"] = 3, ["itip"] = 5, ["upui"] = 3, ["gid"] = 3,
    };

    public static bool IsPattern(string value) => value.Trim().StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The pattern, or an error text saying what is wrong with it.</summary>
    public static (EpcPattern? Pattern, string? Error) Parse(string value)
    {
        value = value.Trim();
        var rest = value[Prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Schemes.TryGetValue(rest[..colon], out var count))
        {
            return (null, $"'{value}' is not an EPC pattern of a known scheme ({string.Join(", ", Schemes.Keys)}).");
        }

        var fields = rest[(colon + 1)..].Split('.');
        if (fields.Length != count || fields.Any(f => f.Length == 0))
        {
            return (null, $"'{value}': a {rest[..colon]} pattern has {count} fields separated by '.'.");
        }

        var firstStar = Array.IndexOf(fields, "*");
        if (firstStar >= 0 && fields[firstStar..].Any(f => f != "*"))
        {
            return (null, $"'{value}': in an EPC pattern only trailing fields may be '*'.");
        }

        return (new EpcPattern(rest[..colon], fields), null);
    }

    public bool Matches(string raw)
    {
        raw = raw.Trim();
        string[]? fields;
        if (raw.StartsWith("urn:epc:", StringComparison.Ordinal))
        {
            var parts = raw.Split(':', 5);
            var scheme = parts.Length == 5 ? (parts[2], parts[3]) switch { ("class", "lgtin") => "sgtin", (_, var s) => s } : null;
            fields = scheme == Scheme ? parts[4].Split('.') : null;
        }
        else
        {
            fields = DigitalLink.Canonical(raw) is { } link ? FromDigitalLink(link) : null;
        }

        if (fields is null)
        {
            return false;
        }

        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i] == "*")
            {
                continue;
            }

            if (i >= fields.Length || fields[i] == "*" || DigitalLinkEncoding.Decode(fields[i]) != DigitalLinkEncoding.Decode(Fields[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The URN fields of a canonical Digital Link of this pattern's scheme, split at the pattern's company-prefix length.</summary>
    private string[]? FromDigitalLink(string link)
    {
        if (!link.StartsWith(DigitalLink.Root, StringComparison.Ordinal))
        {
            return null;
        }

        var segments = link[DigitalLink.Root.Length..].Split('?')[0].Split('/');
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < segments.Length; i += 2)
        {
            pairs.TryAdd(segments[i], DigitalLinkEncoding.Decode(segments[i + 1]));
        }

        var primary = segments.Length >= 2 ? segments[0] : string.Empty;
        var cp = Fields[0] == "*" ? 0 : Fields[0].Length;
        string? Get(string ai) => pairs.TryGetValue(ai, out var v) ? v : null;
        string[]? Key(string ai, int digits, bool leading)
        {
            // A GS1 key: [indicator/extension digit] + company prefix + reference + check digit.
            if (primary != ai || Get(ai) is not { } key || key.Length < digits)
            {
                return null;
            }

            if (cp == 0)
            {
                return [];
            }

            var body = leading ? key[1..(digits - 1)] : key[..(digits - 1)];
            return cp > body.Length ? null : [body[..cp], (leading ? key[..1] : string.Empty) + body[cp..]];
        }

        switch (Scheme)
        {
            case "sgtin" or "upui":
                {
                    if (Key("01", 14, leading: true) is not { } g)
                    {
                        return null;
                    }

                    var serial = Get(Scheme == "sgtin" ? "21" : "235");
                    return cp == 0 || serial is null ? g : [.. g, serial];
                }

            case "sscc":
                return Key("00", 18, leading: true);
            case "sgln":
                return Key("414", 13, leading: false) is { } gln ? cp == 0 ? [] : [.. gln, Get("254") ?? "0"] : null;
            case "pgln":
                return Key("417", 13, leading: false);
            case "gsrn":
                return Key("8018", 18, leading: false);
            case "gsrnp":
                return Key("8017", 18, leading: false);
            case "grai" or "gdti" or "sgcn":
                {
                    var (ai, offset) = Scheme switch { "grai" => ("8003", 1), "gdti" => ("253", 0), _ => ("255", 0) };
                    if (primary != ai || Get(ai) is not { } v || v.Length < offset + 13)
                    {
                        return null;
                    }

                    if (cp == 0)
                    {
                        return [];
                    }

                    var key = v[offset..(offset + 12)];
                    return cp > key.Length ? null : [key[..cp], key[cp..], v[(offset + 13)..]];
                }

            case "giai" or "ginc" or "cpi":
                {
                    var ai = Scheme switch { "giai" => "8004", "ginc" => "401", _ => "8010" };
                    if (primary != ai || Get(ai) is not { } v)
                    {
                        return null;
                    }

                    return cp == 0 ? [] : cp > v.Length ? null : Scheme == "cpi" ? [v[..cp], v[cp..], Get("8011") ?? "*"] : [v[..cp], v[cp..]];
                }

            default:
                return null;
        }
    }
}
