using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using EsgTrace.Reports.Signing;

namespace EsgTrace.Reports.Pdf;

/// <summary>
/// Checks a PDF's last signature: the CMS verifies over the signed ranges, and those ranges cover the whole file. Reports
/// the signer's certificate, its claimed signing time and, when present, the RFC 3161 signature timestamp. Certificates
/// are not chained to a trust anchor here: the public check compares the upload with the proof the platform issued.
/// </summary>
public static partial class PdfSignatureInspector
{
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";

    public static PdfSignatureReport Inspect(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var matches = SignatureDictionary().Matches(text);
        if (matches.Count == 0)
        {
            return new(false, false, false, "The document carries no signature.");
        }

        var m = matches[^1];
        var contentsStart = m.Groups[5].Index - 1;
        var contentsEnd = m.Groups[5].Index + m.Groups[5].Length + 1;
        // The numbers are the uploader's: any that do not parse, or name bytes outside the file or out of order, make the
        // signature one that does not match, never an exception.
        var range = new long[4];
        for (var i = 0; i < 4; i++)
        {
            if (!long.TryParse(m.Groups[i + 1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out range[i]))
            {
                return new(true, false, false, "The signature's /ByteRange is not a list of four byte offsets within the file.");
            }
        }

        if (range[0] != 0 || range[1] > range[2] || range[2] > pdf.Length || range[3] > pdf.Length - range[2])
        {
            return new(true, false, false, "The signature's /ByteRange does not describe this file: it names bytes outside it or out of order.");
        }

        var covers = range[1] == contentsStart && range[2] == contentsEnd && range[2] + range[3] == pdf.Length;
        try
        {
            var cms = new SignedCms(new ContentInfo(PdfSigner.Ranges(pdf, range[1], range[2])), detached: true);
            cms.Decode(WithoutPadding(Convert.FromHexString(m.Groups[5].Value)));
            cms.CheckSignature(verifySignatureOnly: true);
            if (cms.SignerInfos.Count == 0)
            {
                return new(true, false, covers, "The signature names no signer.");
            }

            var signer = cms.SignerInfos[0];
            return new(
                true,
                true,
                covers,
                covers ? null : "The signature does not cover the whole file: content was added after signing.",
                signer.Certificate is { } certificate ? SignerCertificate.From(certificate) : null,
                SigningTime(signer),
                Timestamp(signer));
        }
        catch (CryptographicException ex)
        {
            return new(true, false, covers, "The signature does not match the document: " + ex.Message);
        }
        catch (FormatException)
        {
            return new(true, false, covers, "The signature value is not valid hex.");
        }
        catch (AsnContentException)
        {
            return new(true, false, covers, "The signature value is not a DER-encoded CMS.");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OverflowException or IndexOutOfRangeException)
        {
            // The CMS reader and the certificate parser throw these on some malformed structures: an upload that is not a
            // signature we issued, never a server error.
            return new(true, false, covers, "The signature value is not a readable CMS signature.");
        }
    }

    /// <summary>
    /// The CMS without the zeros that pad the reserved space. Its length comes from its own DER header: trimming zeros
    /// would also cut a signature whose last byte happens to be zero.
    /// </summary>
    private static byte[] WithoutPadding(byte[] contents)
    {
        AsnDecoder.ReadEncodedValue(contents, AsnEncodingRules.BER, out _, out _, out var length);
        return contents[..length];
    }

    private static DateTimeOffset? SigningTime(SignerInfo signer)
    {
        foreach (var attribute in signer.SignedAttributes)
        {
            if (attribute.Oid.Value == SigningTimeOid && attribute.Values.Count == 1)
            {
                var time = new Pkcs9SigningTime(attribute.Values[0].RawData);
                return new DateTimeOffset(DateTime.SpecifyKind(time.SigningTime, DateTimeKind.Utc));
            }
        }

        return null;
    }

    private static SignatureTimestampReport? Timestamp(SignerInfo signer)
    {
        foreach (var attribute in signer.UnsignedAttributes)
        {
            if (attribute.Oid.Value != SignatureTimestamp.AttributeOid || attribute.Values.Count == 0)
            {
                continue;
            }

            if (!Rfc3161TimestampToken.TryDecode(attribute.Values[0].RawData, out var token, out _))
            {
                return new(default, null, null, false, "The signature timestamp is not a readable RFC 3161 token.");
            }

            var valid = token.VerifySignatureForSignerInfo(signer, out var authority);
            authority ??= TokenCertificate(token);
            return new(
                token.TokenInfo.Timestamp,
                authority?.Subject,
                authority?.GetCertHashString(HashAlgorithmName.SHA256),
                valid,
                valid ? null : "The signature timestamp does not verify: it stamps another signature, its own signature is bad, or its certificate may not time-stamp.");
        }

        return null;
    }

    /// <summary>The certificate that signed the token, to name the authority even when the token does not verify.</summary>
    private static X509Certificate2? TokenCertificate(Rfc3161TimestampToken token)
    {
        var cms = token.AsSignedCms();
        return cms.SignerInfos.Count > 0 ? cms.SignerInfos[0].Certificate : null;
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]\s*/Contents\s*<([0-9A-Fa-f]*)>")]
    private static partial Regex SignatureDictionary();
}
