using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.RegularExpressions;

namespace EsgTrace.Reports.Pdf;

/// <summary>What the last signature of a PDF says about it.</summary>
public sealed record PdfSignatureReport(bool Signed, bool SignatureValid, bool CoversWholeFile, string? SignerThumbprint, string? Problem);

/// <summary>Checks a PDF's last signature: the CMS verifies over the signed ranges, and those ranges cover the whole file.</summary>
public static partial class PdfSignatureInspector
{
    public static PdfSignatureReport Inspect(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var matches = SignatureDictionary().Matches(text);
        if (matches.Count == 0)
        {
            return new(false, false, false, null, "The document carries no signature.");
        }

        var m = matches[^1];
        var range = new[] { 1, 2, 3, 4 }.Select(i => long.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
        var contentsStart = m.Groups[5].Index - 1;
        var contentsEnd = m.Groups[5].Index + m.Groups[5].Length + 1;
        var covers = range[0] == 0 && range[1] == contentsStart && range[2] == contentsEnd && range[2] + range[3] == pdf.Length;
        try
        {
            var hex = m.Groups[5].Value.TrimEnd('0');
            if (hex.Length % 2 == 1)
            {
                hex += "0";
            }

            var cms = new SignedCms(new ContentInfo(PdfSigner.Ranges(pdf, range[1], range[2])), detached: true);
            cms.Decode(Convert.FromHexString(hex));
            cms.CheckSignature(verifySignatureOnly: true);
            var thumbprint = cms.SignerInfos[0].Certificate?.GetCertHashString(HashAlgorithmName.SHA256);
            return new(true, true, covers, thumbprint, covers ? null : "The signature does not cover the whole file: content was added after signing.");
        }
        catch (CryptographicException ex)
        {
            return new(true, false, covers, null, "The signature does not match the document: " + ex.Message);
        }
        catch (FormatException)
        {
            return new(true, false, covers, null, "The signature value is not valid hex.");
        }
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]\s*/Contents\s*<([0-9A-Fa-f]*)>")]
    private static partial Regex SignatureDictionary();
}
