namespace EsgTrace.Gs1;

/// <summary>
/// Turns a GS1 Digital Link URI on any domain (http or https, any path before the key, short names such as /gtin/ and
/// /ser/, a query string or fragment) into the constrained canonical form the CBV 2.0 event hash uses: https://id.gs1.org/,
/// numeric AIs, GTINs padded to 14 digits, only the finest level of identification (serial over lot, no CPV), no query
/// string, values percent-encoded by <see cref="DigitalLinkEncoding"/>. Returns null for a URI that carries no GS1 key or
/// whose key or qualifiers are malformed, so it is kept as written.
/// </summary>
public static class DigitalLinkNormaliser
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["gtin"] = "01", ["itip"] = "8006", ["cpid"] = "8010", ["gln"] = "414", ["party"] = "417", ["gsrnp"] = "8017", ["gsrn"] = "8018",
        ["gcn"] = "255", ["sscc"] = "00", ["gdti"] = "253", ["ginc"] = "401", ["gsin"] = "402", ["grai"] = "8003", ["giai"] = "8004",
        ["cpv"] = "22", ["lot"] = "10", ["ser"] = "21", ["tpx"] = "235", ["glnx"] = "254", ["cpsn"] = "8011",
    };

    /// <summary>The qualifiers each primary key may carry, in the order a canonical URI writes them.</summary>
    private static readonly Dictionary<string, string[]> Qualifiers = new(StringComparer.Ordinal)
    {
        ["00"] = [], ["01"] = ["22", "10", "21", "235"], ["253"] = [], ["255"] = [], ["401"] = [], ["402"] = [], ["414"] = ["254"], ["417"] = [],
        ["8003"] = [], ["8004"] = [], ["8006"] = ["22", "10", "21"], ["8010"] = ["8011"], ["8017"] = [], ["8018"] = [],
    };

    public static string? Normalise(string uri)
    {
        var scheme = uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8 : uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : -1;
        if (scheme < 0)
        {
            return null;
        }

        var rest = uri[scheme..];
        var end = rest.IndexOfAny(['?', '#']);
        rest = end < 0 ? rest : rest[..end];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var segments = rest[(slash + 1)..].TrimEnd('/').Split('/').Select(s => ShortNames.GetValueOrDefault(s, s)).ToArray();
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            if (Qualifiers.ContainsKey(segments[i]) && (segments.Length - i) % 2 == 0)
            {
                return Canonical(segments[i..]);
            }
        }

        return null;
    }

    private static string? Canonical(string[] pairs)
    {
        var key = pairs[0];
        var value = DigitalLinkEncoding.Decode(pairs[1]);
        var qualifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 2; i + 1 < pairs.Length; i += 2)
        {
            if (!Qualifiers[key].Contains(pairs[i]) || !qualifiers.TryAdd(pairs[i], DigitalLinkEncoding.Decode(pairs[i + 1])) || qualifiers[pairs[i]].Length == 0)
            {
                return null;
            }
        }

        if (key == "01" && value.Length is 8 or 12 or 13 && value.All(char.IsAsciiDigit))
        {
            value = value.PadLeft(14, '0');
        }

        if (!ValidKey(key, value))
        {
            return null;
        }

        var s = DigitalLink.Root + key + "/" + DigitalLinkEncoding.Encode(value);
        string? Qualifier(string ai, int max, bool digits = false)
            => qualifiers.TryGetValue(ai, out var q) ? (q.Length <= max && (!digits || q.All(char.IsAsciiDigit)) ? $"/{ai}/{DigitalLinkEncoding.Encode(q)}" : null) : string.Empty;

        // The finest level only: a serial makes the lot (and the CPV) redundant; a CPV alone is dropped.
        var tail = key switch
        {
            "01" when qualifiers.ContainsKey("21") && qualifiers.ContainsKey("235") => null,
            "01" or "8006" when qualifiers.ContainsKey("21") => Qualifier("21", 20),
            "01" or "8006" when qualifiers.ContainsKey("10") => Qualifier("10", 20),
            "01" when qualifiers.ContainsKey("235") => Qualifier("235", 28),
            "414" => Qualifier("254", 20),
            "8010" => Qualifier("8011", 12, digits: true),
            _ => string.Empty,
        };
        return tail is null ? null : s + tail;
    }

    private static bool ValidKey(string key, string v)
    {
        static bool Digits(string s, int n) => s.Length == n && s.All(char.IsAsciiDigit);
        static bool DigitsThen(string s, int n, int max) => s.Length >= n && s.Length <= n + max && s[..n].All(char.IsAsciiDigit);
        return key switch
        {
            "00" or "8017" or "8018" or "8006" => Digits(v, 18),
            "01" => Digits(v, 14),
            "414" or "417" => Digits(v, 13),
            "402" => Digits(v, 17),
            "253" => DigitsThen(v, 13, 17),
            "255" => DigitsThen(v, 13, 12) && v.All(char.IsAsciiDigit),
            "8003" => DigitsThen(v, 14, 16),
            "401" or "8004" or "8010" => DigitsThen(v, 4, 26),
            _ => false,
        };
    }
}
