namespace EsgTrace.Gs1;

/// <summary>
/// Converts EPC URNs (GS1 EPC Tag Data Standard) and GS1 Digital Link URIs on any domain to the canonical
/// https://id.gs1.org/ form the CBV 2.0 event hash uses. Returns null for values that are neither.
/// </summary>
public static class DigitalLink
{
    public const string Root = "https://id.gs1.org/";

    private static readonly HashSet<string> PrimaryKeys = ["00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010", "8017", "8018"];

    public static string? Canonical(string value)
    {
        if (value.StartsWith("urn:epc:", StringComparison.Ordinal))
        {
            return FromUrn(value);
        }

        if (value.StartsWith("http://", StringComparison.Ordinal) || value.StartsWith("https://", StringComparison.Ordinal))
        {
            var path = value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..];
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return null;
            }

            var segments = path[(slash + 1)..].Split('?')[0].Split('/');
            for (var i = 0; i + 1 < segments.Length; i++)
            {
                if (PrimaryKeys.Contains(segments[i]) && segments[i + 1].Length > 0 && char.IsAsciiDigit(segments[i + 1][0]) && (segments.Length - i) % 2 == 0)
                {
                    return Root + string.Join('/', segments[i..]);
                }
            }
        }

        return null;
    }

    private static string? FromUrn(string urn)
    {
        var parts = urn.Split(':');
        if (parts.Length != 5)
        {
            return null;
        }

        var scheme = parts[2] + ":" + parts[3];
        var f = parts[4].Split('.');
        string Key(string digits) => digits + CheckDigit(digits);
        return scheme switch
        {
            "id:sgtin" when f.Length == 3 => $"{Root}01/{Key(f[1][..1] + f[0] + f[1][1..])}/21/{f[2]}",
            "idpat:sgtin" when f.Length == 3 && f[2] == "*" => $"{Root}01/{Key(f[1][..1] + f[0] + f[1][1..])}",
            "class:lgtin" when f.Length == 3 => $"{Root}01/{Key(f[1][..1] + f[0] + f[1][1..])}/10/{f[2]}",
            "id:sscc" when f.Length == 2 => $"{Root}00/{Key(f[1][..1] + f[0] + f[1][1..])}",
            "id:sgln" when f.Length == 3 => $"{Root}414/{Key(f[0] + f[1])}" + (f[2] == "0" ? string.Empty : $"/254/{f[2]}"),
            "id:pgln" when f.Length == 2 => $"{Root}417/{Key(f[0] + f[1])}",
            "id:gdti" when f.Length == 3 => $"{Root}253/{Key(f[0] + f[1])}{f[2]}",
            "id:giai" when f.Length == 2 => $"{Root}8004/{f[0]}{f[1]}",
            "id:grai" when f.Length == 3 => $"{Root}8003/{Key("0" + f[0] + f[1])}{f[2]}",
            "id:gsrn" when f.Length == 2 => $"{Root}8018/{Key(f[0] + f[1])}",
            "id:sgcn" when f.Length == 3 => $"{Root}255/{Key(f[0] + f[1])}{f[2]}",
            "id:gsin" when f.Length == 2 => $"{Root}402/{Key(f[0] + f[1])}",
            "id:ginc" when f.Length == 2 => $"{Root}401/{f[0]}{f[1]}",
            _ => null,
        };
    }

    /// <summary>The GS1 mod-10 check digit of the digits (weights 3, 1, 3, … from the right).</summary>
    public static char CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? d * 3 : d;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
