using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EsgTrace.Reports.Signing;

namespace EsgTrace.Reports.Pdf;

/// <summary>
/// Embeds an attachment and signs a PDF in one incremental update: the original bytes are kept as they are, followed by
/// new objects (embedded file, file spec, signature, signature field), an updated catalog and first page, and a new
/// xref section. The signature is CMS detached (adbe.pkcs7.detached) with SHA-256 over every byte except the signature
/// value itself. RSA PKCS#1 v1.5 and a signing time taken from the caller make the output deterministic, unless a
/// timestamp authority is given: its token (an unsigned attribute over the signature value) carries its own time.
/// </summary>
public static class PdfSigner
{
    /// <summary>Bytes kept for the timestamp token on the first try: a token with its authority's certificate and one issuer is 2-6 KB.</summary>
    private const int TimestampReserve = 8 * 1024;

    /// <summary>Slack for signatures whose length varies by a byte or two (ECDSA's DER integers).</summary>
    private const int Slack = 64;

    private const string ByteRangePlaceholder = "[0 0000000000 0000000000 0000000000]";

    /// <summary>
    /// Signs (and, with <paramref name="timestamps"/>, timestamps) the PDF. The space reserved for the CMS is what this
    /// certificate's signature takes, plus room for a token; a token larger than that is fetched once more for a larger space.
    /// Without a token there is no signature: a failing authority fails the signing (<see cref="TimestampAuthorityException"/>).
    /// </summary>
    public static async Task<byte[]> SignWithAttachmentAsync(
        byte[] pdf, PdfAttachment attachment, X509Certificate2 certificate, DateTimeOffset signingTime, string reason, ITimestampAuthority? timestamps = null, CancellationToken cancellationToken = default)
    {
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The signing certificate has no private key.", nameof(certificate));
        }

        var reserve = Cms([0], certificate, signingTime).Encode().Length + Slack + (timestamps is null ? 0 : TimestampReserve);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var update = Prepare(pdf, attachment, certificate, signingTime, reason, reserve);
            var cms = Cms(Ranges(update.Bytes, update.ContentsStart, update.ContentsEnd), certificate, signingTime);
            if (timestamps is not null)
            {
                var token = await timestamps.StampAsync(cms.SignerInfos[0], cancellationToken);
                cms.SignerInfos[0].AddUnsignedAttribute(SignatureTimestamp.Attribute(token));
            }

            var encoded = cms.Encode();
            if (encoded.Length <= reserve)
            {
                Encoding.ASCII.GetBytes(Convert.ToHexString(encoded)).CopyTo(update.Bytes, update.ContentsStart + 1);
                return update.Bytes;
            }

            reserve = encoded.Length + Slack;
        }

        throw new InvalidOperationException($"The signature does not fit the {reserve} bytes reserved for it.");
    }

    /// <summary>The incremental update with a /Contents of <paramref name="contentsBytes"/> zero bytes (as hex) and the final /ByteRange.</summary>
    private static PreparedUpdate Prepare(byte[] pdf, PdfAttachment attachment, X509Certificate2 certificate, DateTimeOffset signingTime, string reason, int contentsBytes)
    {
        var structure = new PdfStructure(pdf);
        var page = structure.FirstPage();
        var next = structure.Size;
        int fileObject = next++, specObject = next++, sigObject = next++, fieldObject = next++;
        var pdfDate = "D:" + signingTime.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

        var output = new MemoryStream();
        output.Write(pdf);
        if (pdf[^1] != '\n')
        {
            Write(output, "\n");
        }

        var offsets = new SortedDictionary<int, long>();
        void Object(int number, string body)
        {
            offsets[number] = output.Position;
            Write(output, $"{number} 0 obj\n{body}\nendobj\n");
        }

        offsets[fileObject] = output.Position;
        Write(output, $"{fileObject} 0 obj\n<</Type /EmbeddedFile /Subtype /{Name(attachment.MimeType)} /Length {attachment.Content.Length} /Params <</Size {attachment.Content.Length} /ModDate ({pdfDate})>>>>\nstream\n");
        output.Write(attachment.Content);
        Write(output, "\nendstream\nendobj\n");
        Object(specObject, $"<</Type /Filespec /F {Literal(attachment.FileName)} /UF {Literal(attachment.FileName)} /Desc {Literal(attachment.Description)} /AFRelationship /Data /EF <</F {fileObject} 0 R /UF {fileObject} 0 R>>>>");

        offsets[sigObject] = output.Position;
        Write(output, $"{sigObject} 0 obj\n<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Name {Literal(certificate.GetNameInfo(X509NameType.SimpleName, false))} /Reason {Literal(reason)} /M ({pdfDate}) /ByteRange ");
        var byteRangeAt = output.Position;
        Write(output, ByteRangePlaceholder + " /Contents ");
        var contentsStart = output.Position;
        Write(output, "<" + new string('0', 2 * contentsBytes) + ">");
        var contentsEnd = output.Position;
        Write(output, ">>\nendobj\n");

        Object(fieldObject, $"<</Type /Annot /Subtype /Widget /FT /Sig /T (EsgTrace proof signature) /V {sigObject} 0 R /F 132 /Rect [0 0 0 0] /P {page} 0 R>>");
        Object(page, AddToDictionary(structure.ObjectText(page), $"/Annots [{fieldObject} 0 R]", "Annots"));
        Object(structure.Root, AddToDictionary(structure.ObjectText(structure.Root),
            $"/AcroForm <</Fields [{fieldObject} 0 R] /SigFlags 3>> /Names <</EmbeddedFiles <</Names [{Literal(attachment.FileName)} {specObject} 0 R]>>>> /AF [{specObject} 0 R]",
            "AcroForm", "Names", "AF"));

        var xrefAt = output.Position;
        var xref = new StringBuilder("xref\n0 1\n0000000000 65535 f\r\n");
        foreach (var run in Runs(offsets))
        {
            xref.Append(CultureInfo.InvariantCulture, $"{run[0].Key} {run.Count}\n");
            foreach (var (_, offset) in run)
            {
                xref.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n\r\n");
            }
        }

        var info = structure.Info is { } i ? $" /Info {i} 0 R" : string.Empty;
        var id = structure.Id is { } d ? $" /ID {d}" : string.Empty;
        xref.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {next} /Root {structure.Root} 0 R{info}{id} /Prev {structure.StartXrefOffset}>>\nstartxref\n{xrefAt}\n%%EOF\n");
        Write(output, xref.ToString());

        var signed = output.ToArray();
        var byteRange = $"[0 {contentsStart:D10} {contentsEnd:D10} {signed.Length - contentsEnd:D10}]";
        Encoding.ASCII.GetBytes(byteRange).CopyTo(signed, byteRangeAt);
        return new PreparedUpdate(signed, contentsStart, contentsEnd);
    }

    /// <summary>The signed bytes: everything before the Contents value and everything after it.</summary>
    public static byte[] Ranges(byte[] pdf, long contentsStart, long contentsEnd)
    {
        var data = new byte[pdf.Length - (contentsEnd - contentsStart)];
        Array.Copy(pdf, 0, data, 0, contentsStart);
        Array.Copy(pdf, contentsEnd, data, contentsStart, pdf.Length - contentsEnd);
        return data;
    }

    private static SignedCms Cms(byte[] data, X509Certificate2 certificate, DateTimeOffset signingTime)
    {
        var cms = new SignedCms(new ContentInfo(data), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(signingTime.UtcDateTime));
        cms.ComputeSignature(signer, silent: true);
        return cms;
    }

    private static string AddToDictionary(string dictionary, string entries, params string[] mustBeAbsent)
    {
        foreach (var key in mustBeAbsent)
        {
            if (dictionary.Contains("/" + key + " ", StringComparison.Ordinal) || dictionary.Contains("/" + key + "[", StringComparison.Ordinal) || dictionary.Contains("/" + key + "<", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The dictionary already has /{key}; merging is not supported.");
            }
        }

        var close = dictionary.LastIndexOf(">>", StringComparison.Ordinal);
        return dictionary[..close] + "\n" + entries + dictionary[close..];
    }

    private static IEnumerable<List<KeyValuePair<int, long>>> Runs(SortedDictionary<int, long> offsets)
    {
        var run = new List<KeyValuePair<int, long>>();
        foreach (var entry in offsets)
        {
            if (run.Count > 0 && entry.Key != run[^1].Key + 1)
            {
                yield return run;
                run = [];
            }

            run.Add(entry);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static string Name(string mime) => mime.Replace("/", "#2F", StringComparison.Ordinal);

    private static string Literal(string text)
    {
        var escaped = new StringBuilder("(");
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '(' => "\\(",
                ')' => "\\)",
                '\\' => "\\\\",
                _ when c < 32 || c > 126 => "?",
                _ => c.ToString(),
            });
        }

        return escaped.Append(')').ToString();
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.Latin1.GetBytes(text));

    /// <summary>The PDF with its update appended; the signature goes between the angle brackets at <see cref="ContentsStart"/>.</summary>
    private sealed record PreparedUpdate(byte[] Bytes, long ContentsStart, long ContentsEnd);
}
