using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EsgTrace.Reports.Pdf;

/// <summary>
/// Skia gives every PDF a fresh random document UUID (in the XMP DocumentID/InstanceID and the trailer /ID). For a proof
/// the same input must give the same bytes, so the UUID is replaced by one derived from a seed. The replacement has the
/// same length, so no offset in the file moves.
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
        text = text.Replace(old, replacement, StringComparison.Ordinal)
                   .Replace(old.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant(), hex.ToUpperInvariant(), StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text);
    }

    [GeneratedRegex(@"<xmpMM:DocumentID>uuid:([0-9a-f-]{36})</xmpMM:DocumentID>")]
    private static partial Regex DocumentId();
}
