using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.RegularExpressions;
using EsgTrace.Reports.Pdf;
using EsgTrace.Reports.Proofs;
using EsgTrace.Reports.Signing;
using EsgTrace.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EsgTrace.Reports.Tests;

/// <summary>Proofs signed with an RFC 3161 signature timestamp from a real (test) authority over HTTP, read back by .NET and pdfsig.</summary>
public sealed class TimestampedProofTests : IAsyncLifetime
{
    private static readonly DateTimeOffset StampedAt = new(2026, 11, 23, 10, 15, 7, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("esgtrace-tsa-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private TestTimestampAuthority _tsa = null!;

    public async Task InitializeAsync() => _tsa = await TestTimestampAuthority.StartAsync(new FakeTimeProvider(StampedAt));

    public async Task DisposeAsync()
    {
        await _tsa.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private HttpTimestampAuthority Authority() => new(_http, _tsa.Address);

    [Fact]
    public async Task Token_DecodesAndVerifies_WithDotNet_OverTheSignatureValue()
    {
        var proof = await ClaimProofPdfTests.SignedProofAsync(Authority());

        var signer = SignerOf(proof);
        var attribute = Assert.Single(signer.UnsignedAttributes.Cast<CryptographicAttributeObject>(), a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14");
        Assert.True(Rfc3161TimestampToken.TryDecode(attribute.Values[0].RawData, out var token, out _));
        Assert.True(token!.VerifySignatureForSignerInfo(signer, out var tsaCertificate));
        Assert.Equal(_tsa.Certificate.Thumbprint, tsaCertificate!.Thumbprint);
        Assert.Equal(StampedAt, token.TokenInfo.Timestamp);
        Assert.Equal(TestTimestampAuthority.PolicyOid, token.TokenInfo.PolicyId.Value);
        Assert.Equal(SHA256.HashData(signer.GetSignature()), token.TokenInfo.GetMessageHash().ToArray());
        Assert.Equal(1, _tsa.Requests);
    }

    [Fact]
    public async Task Pdfsig_StillReportsTheTimestampedSignatureValid_OverTheWholeDocument()
    {
        var path = Save(await ClaimProofPdfTests.SignedProofAsync(Authority()));

        var (exit, output) = Poppler.Run("pdfsig", path);

        Assert.True(exit == 0, output);
        Assert.Contains("Signature Validation: Signature is Valid.", output, StringComparison.Ordinal);
        Assert.Contains("Total document signed", output, StringComparison.Ordinal);
        // Debian 12's pdfsig (poppler 22.12) prints the signer's claimed time and does not report timestamp tokens.
        Assert.Contains("Signing Time: Nov 23 2026 10:15:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSsl_ReportsTheTimestamp_AndVerifiesItOverTheSignatureValue()
    {
        // pdfsig of Debian 12 does not show timestamp tokens, so OpenSSL (its `ts` command, an RFC 3161 implementation we did
        // not write) reads the token taken out of the proof's signature and checks it against the signature value it stamps.
        var signer = SignerOf(await ClaimProofPdfTests.SignedProofAsync(Authority()));
        var attribute = Assert.Single(signer.UnsignedAttributes.Cast<CryptographicAttributeObject>(), a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14");
        var token = Path.Combine(_folder, "token.der");
        var stamped = Path.Combine(_folder, "signature-value.bin");
        var authority = Path.Combine(_folder, "tsa.pem");
        File.WriteAllBytes(token, attribute.Values[0].RawData);
        File.WriteAllBytes(stamped, signer.GetSignature());
        File.WriteAllText(authority, _tsa.Certificate.ExportCertificatePem());

        var (printed, text) = Poppler.Run("openssl", "ts", "-reply", "-token_in", "-in", token, "-text", "-token_out");
        var (verified, verdict) = Poppler.Run("openssl", "ts", "-verify", "-token_in", "-in", token, "-data", stamped, "-CAfile", authority);

        Assert.True(printed == 0, text);
        Assert.Contains("Time stamp: Nov 23 10:15:07 2026 GMT", text, StringComparison.Ordinal);
        Assert.Contains("Policy OID: " + TestTimestampAuthority.PolicyOid, text, StringComparison.Ordinal);
        Assert.Contains("Message data:", text, StringComparison.Ordinal);
        Assert.True(verified == 0 && verdict.Contains("Verification: OK", StringComparison.Ordinal), verdict);
    }

    [Fact]
    public async Task Inspector_ReportsTheSignerTheSigningTimeAndTheTimestamp()
    {
        var report = PdfSignatureInspector.Inspect(await ClaimProofPdfTests.SignedProofAsync(Authority()));

        Assert.True(report.SignatureValid && report.CoversWholeFile, report.Problem);
        Assert.Equal(ClaimProofPdfTests.Published, report.SigningTime);
        var signer = report.Signer!;
        var certificate = ClaimProofPdfTests.Certificate;
        Assert.Equal(certificate.Subject, signer.Subject);
        Assert.Equal(certificate.Issuer, signer.Issuer);
        Assert.Equal(certificate.SerialNumber, signer.SerialNumber);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), signer.NotBefore);
        Assert.Equal(new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero), signer.NotAfter);
        Assert.Equal(certificate.GetCertHashString(HashAlgorithmName.SHA256), signer.Sha256Thumbprint);
        var timestamp = report.Timestamp!;
        Assert.True(timestamp.Valid, timestamp.Problem);
        Assert.Equal(StampedAt, timestamp.Time);
        Assert.Equal("CN=EsgTrace test TSA, O=EsgTrace tests", timestamp.Authority);
        Assert.Equal(_tsa.Certificate.GetCertHashString(HashAlgorithmName.SHA256), timestamp.AuthorityThumbprint);
    }

    [Fact]
    public async Task Inspector_ReportsNoTimestamp_OnAProofSignedWithoutOne()
    {
        var report = PdfSignatureInspector.Inspect(await ClaimProofPdfTests.SignedProofAsync());

        Assert.True(report.SignatureValid, report.Problem);
        Assert.Null(report.Timestamp);
        Assert.Equal(ClaimProofPdfTests.Published, report.SigningTime);
        Assert.Equal(0, _tsa.Requests);
    }

    [Fact]
    public async Task TimestampedProof_StaysUnder100KiB_AndTheReservedSpaceFitsTheToken()
    {
        var proof = await ClaimProofPdfTests.SignedProofAsync(Authority());

        var contents = Regex.Match(Encoding.Latin1.GetString(proof), "/Contents <([0-9A-F]+)>").Groups[1].Value;
        var padding = contents.Length - contents.TrimEnd('0').Length;
        Assert.True(proof.Length < 100 * 1024, $"{proof.Length} bytes");
        Assert.InRange(padding / 2, 0, 10 * 1024); // the reservation is sized, not a fixed 16 KiB
        Assert.Equal(1, _tsa.Requests);
    }

    [Theory]
    [InlineData(TimestampAuthorityBehaviour.Reject)]
    [InlineData(TimestampAuthorityBehaviour.HttpError)]
    [InlineData(TimestampAuthorityBehaviour.WrongCertificate)]
    public async Task Signing_Fails_WhenTheAuthorityGivesNoUsableToken(TimestampAuthorityBehaviour behaviour)
    {
        _tsa.Behaviour = behaviour;

        var failure = await Assert.ThrowsAsync<TimestampAuthorityException>(() => ClaimProofPdfTests.SignedProofAsync(Authority()));

        Assert.Equal(_tsa.Address, failure.Address);
        Assert.Contains(_tsa.Address.ToString(), failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, _tsa.Requests);
    }

    [Fact]
    public async Task Signing_Fails_WhenTheAuthorityCannotBeReached()
    {
        var gone = _tsa.Address;
        await _tsa.DisposeAsync();
        _tsa = await TestTimestampAuthority.StartAsync();

        var failure = await Assert.ThrowsAsync<TimestampAuthorityException>(() => ClaimProofPdfTests.SignedProofAsync(new HttpTimestampAuthority(_http, gone)));

        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
    }

    private static SignerInfo SignerOf(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var m = Regex.Match(text, @"/ByteRange \[(\d+) (\d+) (\d+) (\d+)\] /Contents <([0-9A-F]+)>");
        var start = long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var end = long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        var der = Convert.FromHexString(m.Groups[5].Value);
        System.Formats.Asn1.AsnDecoder.ReadEncodedValue(der, System.Formats.Asn1.AsnEncodingRules.BER, out _, out _, out var length);
        var cms = new SignedCms(new ContentInfo(PdfSigner.Ranges(pdf, start, end)), detached: true);
        cms.Decode(der[..length]);
        cms.CheckSignature(verifySignatureOnly: true);
        return cms.SignerInfos[0];
    }

    private string Save(byte[] pdf)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, pdf);
        if (Environment.GetEnvironmentVariable("ESGTRACE_SCREENSHOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.WriteAllBytes(Path.Combine(keep, "claim-proof-timestamped.pdf"), pdf);
        }

        return path;
    }
}
