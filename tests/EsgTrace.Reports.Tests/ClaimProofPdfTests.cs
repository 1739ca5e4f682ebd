using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using EsgTrace.Reports.Pdf;
using EsgTrace.Reports.Proofs;
using EsgTrace.Reports.Signing;
using UglyToad.PdfPig;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Reports.Tests;

/// <summary>The proof PDF read back with PdfPig and poppler: text and figures, the attached lineage, and a valid signature.</summary>
public sealed class ClaimProofPdfTests : IDisposable
{
    internal static readonly DateTimeOffset Published = new(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);
    private static readonly byte[] Lineage = Encoding.UTF8.GetBytes("{\"subject\":\"product:demo-tee\",\"rootSha256\":\"da779a1508f5d12ec710462d4241bc86b72922227d42540c3cb322eeab9ce747\"}\n");
    internal static readonly X509Certificate2 Certificate = CreateCertificate();
    private readonly string _folder = Directory.CreateTempSubdirectory("esgtrace-pdf-").FullName;

    internal static ClaimProofModel Model() => new(
        "claim-tee-001",
        "Cradle-to-gate footprint of at most 1.4 kg CO2e per T-shirt",
        "published",
        "Organic cotton T-shirt",
        "demo-tee",
        "1 piece",
        "Footprint at most 1.4 kg CO2e per declared unit.",
        "Holds: the footprint is 1.358214204 kg CO2e per declared unit, at most the claimed 1.4.",
        "2026-04-20 to 2026-04-20 (1 batch)",
        Published,
        [
            new("verified", "platform", "2026-11-23 10:00", "1.358214204 kg CO2e ≤ 1.4"),
            new("approved", "auditor", "2026-11-23 10:10", "lineage da779a15…"),
            new("published", "marketing", "2026-11-23 10:15", "status approved"),
        ],
        [new("Product carbon footprint", "1.3582", "kg CO2e per piece")],
        [new("Materials", 1.098m, 0.8084m), new("Process energy", 0.2478m, 0.1824m), new("Transport", 0.012414204m, 0.0091m)],
        ["Kaveri Organic Cotton Cooperative", "Tiruppur Knit & Dye"],
        ["IN"],
        ["GOTS CU-812345 (farm)", "GOTS CU-813001 (mill)"],
        "Cradle-to-gate attributional footprint per declared unit.",
        [new("transport.road.hgv-average", "0.14993 kg CO2e/t.km", "Defra/DECC 2012, Annex 7, Table 7e")],
        "esgtrace-starter@2026.1",
        "footprint/1.0.0",
        "da779a1508f5d12ec710462d4241bc86b72922227d42540c3cb322eeab9ce747",
        "http://127.0.0.1:5080/verify/claim-tee-001");

    internal static Task<byte[]> SignedProofAsync(ITimestampAuthority? timestamps = null) => PdfSigner.SignWithAttachmentAsync(
        ClaimProofDocument.Render(Model()),
        new PdfAttachment("lineage.json", "application/json", "Lineage of the claim's figures", Lineage),
        Certificate,
        Published,
        "EsgTrace claim proof",
        timestamps);

    [Fact]
    public async Task PdfPig_ReadsTheStatementFiguresAndLineage_AndTheAttachment()
    {
        using var pdf = PdfDocument.Open(await SignedProofAsync());

        // Words, not Page.Text: PdfPig joins wrapped lines without a separator.
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("1.3582", text, StringComparison.Ordinal);
        Assert.Contains("at most 1.4 kg CO2e per T-shirt", text, StringComparison.Ordinal);
        Assert.Contains("da779a1508f5d12ec710462d4241bc86b72922227d42540c3cb322eeab9ce747", text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(pdf.Advanced.TryGetEmbeddedFiles(out var files));
        var lineage = Assert.Single(files);
        Assert.Equal("lineage.json", lineage.Name);
        Assert.Equal(Lineage, lineage.Bytes.ToArray());
    }

    [Fact]
    public async Task Pdfsig_ReportsTheSignatureValid_OverTheWholeDocument()
    {
        var path = Save(await SignedProofAsync());

        var (exit, output) = Poppler.Run("pdfsig", path);

        Assert.True(exit == 0, output);
        Assert.Contains("Signature Validation: Signature is Valid.", output, StringComparison.Ordinal);
        Assert.Contains("Total document signed", output, StringComparison.Ordinal);
        Assert.Contains("SHA-256", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdfdetach_ExtractsTheLineageByteForByte()
    {
        var path = Save(await SignedProofAsync());
        var target = Path.Combine(_folder, "out");
        Directory.CreateDirectory(target);

        var (exit, output) = Poppler.Run("pdfdetach", "-saveall", "-o", target, path);

        Assert.True(exit == 0, output);
        Assert.Equal(Lineage, File.ReadAllBytes(Path.Combine(target, "lineage.json")));
    }

    [Fact]
    public async Task Pdftotext_ShowsTheStatusAndTheVerificationUrl()
    {
        var (exit, output) = Poppler.Run("pdftotext", Save(await SignedProofAsync()), "-");

        Assert.True(exit == 0, output);
        Assert.Contains("Status: published", output, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/verify/claim-tee-001", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedProof_IsUnder100KiB_EmbedsASubsetFont_AndPassesQpdfCheck()
    {
        var proof = await SignedProofAsync();
        var path = Save(proof);

        var (fontsExit, fonts) = Poppler.Run("pdffonts", path);
        var (checkExit, check) = Poppler.Run("qpdf", "--check", path);

        Assert.True(proof.Length < 100 * 1024, $"{proof.Length} bytes");
        Assert.True(fontsExit == 0, fonts);
        var row = Assert.Single(fonts.Split('\n'), l => l.Contains("DejaVuSans", StringComparison.Ordinal));
        Assert.Matches(@"^[A-Z]{6}\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s", row);
        Assert.True(checkExit == 0, check);
        Assert.Contains("No syntax or stream encoding errors", check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdftoppm_DrawsTheTitleWithTheSubsetFont()
    {
        var path = Save(await SignedProofAsync());
        var prefix = Path.Combine(_folder, "title");

        // The title's box at 72 dpi (1 px = 1 pt), left of the QR code: only glyphs can put ink there.
        var (exit, output) = Poppler.Run("pdftoppm", "-r", "72", "-gray", "-f", "1", "-l", "1", "-x", "48", "-y", "58", "-W", "330", "-H", "62", "-singlefile", path, prefix);

        Assert.True(exit == 0, output);
        var ink = Pgm.Pixels(File.ReadAllBytes(prefix + ".pgm")).Count(p => p < 128);
        Assert.True(ink > 800, $"{ink} dark pixels in the title");
    }

    [Fact]
    public void Render_TrailerId_IsTheDocumentIdDerivedFromTheClaim_NotFromTheClock()
    {
        var text = Encoding.Latin1.GetString(ClaimProofDocument.Render(Model()));
        var later = Encoding.Latin1.GetString(ClaimProofDocument.Render(Model() with { DocumentDate = Published.AddDays(1) }));

        var id = Regex.Match(text, "<xmpMM:DocumentID>uuid:([0-9a-f-]{36})</xmpMM:DocumentID>").Groups[1].Value.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.Equal(32, id.Length);
        Assert.Matches($@"trailer\s*<<[^>]*/ID \[<{id}> <{id}>\]", text);
        Assert.DoesNotContain(id, later, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameClaim_RendersByteIdentical()
        => Assert.Equal(SHA256.HashData(ClaimProofDocument.Render(Model())), SHA256.HashData(ClaimProofDocument.Render(Model())));

    [Fact]
    public async Task TheSameClaim_RendersAndSignsByteIdentical()
    {
        Assert.Equal(SHA256.HashData(await SignedProofAsync()), SHA256.HashData(await SignedProofAsync()));
    }

    [Fact]
    public async Task Inspector_AcceptsTheProof_AndRejectsItAlteredByOneByte()
    {
        var proof = await SignedProofAsync();
        var altered = (byte[])proof.Clone();
        var at = Encoding.Latin1.GetString(altered).IndexOf("1.3582", StringComparison.Ordinal);
        var index = at >= 0 ? at : altered.Length / 3;
        altered[index] ^= 0x01;

        var good = PdfSignatureInspector.Inspect(proof);
        var bad = PdfSignatureInspector.Inspect(altered);

        Assert.True(good.SignatureValid && good.CoversWholeFile, good.Problem);
        Assert.Equal(Certificate.GetCertHashString(HashAlgorithmName.SHA256), good.Signer?.Sha256Thumbprint);
        Assert.False(bad.SignatureValid && bad.CoversWholeFile);
    }

    [Fact]
    public async Task Inspector_AcceptsASignatureWhoseLastByteIsZero()
    {
        // The reserved space is padded with zeros; a CMS ending in a zero byte (1 in 256) must not be cut with the padding.
        var pdf = ClaimProofDocument.Render(Model());
        for (var i = 0; i < 4096; i++)
        {
            var attachment = new PdfAttachment("lineage.json", "application/json", "try", Encoding.ASCII.GetBytes($"{{\"try\":{i}}}"));
            var signed = await PdfSigner.SignWithAttachmentAsync(pdf, attachment, Certificate, Published, "EsgTrace claim proof");
            var der = Convert.FromHexString(Regex.Match(Encoding.Latin1.GetString(signed), "/Contents <([0-9A-F]+)>").Groups[1].Value);
            System.Formats.Asn1.AsnDecoder.ReadEncodedValue(der, System.Formats.Asn1.AsnEncodingRules.BER, out _, out _, out var length);
            if (der[length - 1] != 0)
            {
                continue;
            }

            var report = PdfSignatureInspector.Inspect(signed);
            Assert.True(report.SignatureValid && report.CoversWholeFile, report.Problem);
            return;
        }

        Assert.Fail("No signature in 4096 ended in a zero byte.");
    }

    [Fact]
    public async Task Inspector_RejectsContentAppendedAfterSigning()
    {
        var appended = (await SignedProofAsync()).Concat(Encoding.ASCII.GetBytes("\n% tampered\n")).ToArray();

        var report = PdfSignatureInspector.Inspect(appended);

        Assert.False(report.CoversWholeFile);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Save(byte[] pdf)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, pdf);
        var keep = Environment.GetEnvironmentVariable("ESGTRACE_SCREENSHOTS");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            File.WriteAllBytes(Path.Combine(keep, "claim-proof.pdf"), pdf);
        }

        return path;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=EsgTrace test signer, O=EsgTrace", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        using var created = request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
