using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EsgTrace.Reports.Pdf;

/// <summary>
/// Skia gives every PDF a document UUID made from the clock (in the XMP DocumentID/InstanceID and the trailer /ID). For a
/// proof the same input must give the same bytes, so the UUID is replaced by one derived from a seed. In the XMP the
/// replacement has the same length, so no offset moves; the trailer comes after the cross-reference table, so rewriting
/// its /ID (Skia writes it as a literal string of raw bytes) moves nothing that an offset points to.
/// </summary>
public static partial class DeterministicIds
{
    public static byte[] Apply(byte[] pdf, string seed)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var match = DocumentId().Match(text);
        if (!match.Success)
        {
            return pdf;
        }

        var old = match.Groups[1].Value;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5 (name-based, SHA hash)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        var hex = Convert.ToHexStringLower(hash, 0, 16);
        var replacement = $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
        text = text.Replace(old, replacement, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(ReplaceTrailerId(text, hex.ToUpperInvariant()));
    }

    /// <summary>Replaces the array of the last trailer's /ID with two hex strings of <paramref name="hex"/>.</summary>
    private static string ReplaceTrailerId(string text, string hex)
    {
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var key = trailer < 0 ? -1 : text.IndexOf("/ID", trailer, StringComparison.Ordinal);
        var open = key < 0 ? -1 : text.IndexOf('[', key);
        if (open < 0)
        {
            return text;
        }

        var close = open + 1;
        for (var strings = 0; strings < 2; strings++)
        {
            close = SkipString(text, close);
        }

        close = text.IndexOf(']', close);
        if (close < 0)
        {
            throw new InvalidDataException("The trailer's /ID array is not closed.");
        }

        return string.Concat(text.AsSpan(0, open), $"[<{hex}> <{hex}>]", text.AsSpan(close + 1));
    }

    /// <summary>The index just after the PDF string (literal, with escapes and balanced parentheses, or hex) that starts at or after <paramref name="at"/>.</summary>
    private static int SkipString(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        if (at < text.Length && text[at] == '<')
        {
            return text.IndexOf('>', at) + 1;
        }

        if (at >= text.Length || text[at] != '(')
        {
            throw new InvalidDataException("The trailer's /ID array does not hold two strings.");
        }

        var depth = 0;
        for (var i = at; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return i + 1;
            }
        }

        throw new InvalidDataException("The trailer's /ID string is not closed.");
    }

    [GeneratedRegex(@"<xmpMM:DocumentID>uuid:([0-9a-f-]{36})</xmpMM:DocumentID>")]
    private static partial Regex DocumentId();
}
