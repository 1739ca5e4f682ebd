using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EsgTrace.Testing;

/// <summary>
/// A real RFC 3161 time-stamping authority for tests: Kestrel on a free loopback port answers POST
/// application/timestamp-query with a DER TimeStampResp whose token is a CMS SignedData over a TSTInfo encoded here
/// (RFC 3161 section 2.4.2), signed by a self-signed certificate with the critical timeStamping extended key usage and
/// carrying the ESS signing-certificate-v2 attribute (RFC 5035) that the token format requires.
/// </summary>
public sealed class TestTimestampAuthority : IAsyncDisposable
{
    /// <summary>A policy OID under 2.25 (UUID-derived arcs need no registration).</summary>
    public const string PolicyOid = "2.25.203867264919563925374218410557425430941";

    private const string TstInfoOid = "1.2.840.113549.1.9.16.1.4";
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    private readonly TimeProvider _clock;
    private WebApplication _app = null!;
    private long _serial = 1000;
    private int _requests;

    private TestTimestampAuthority(TimeProvider clock)
    {
        _clock = clock;
    }

    public Uri Address { get; private set; } = null!;

    // Shared by every instance: an RSA key takes long enough to make on two shared cores that one per test adds up.
    private static readonly Lazy<X509Certificate2> TimestampingCertificate = new(() => CreateCertificate("CN=EsgTrace test TSA, O=EsgTrace tests", timeStamping: true));
    private static readonly Lazy<X509Certificate2> OtherCertificate = new(() => CreateCertificate("CN=EsgTrace test signer without timeStamping, O=EsgTrace tests", timeStamping: false));

    /// <summary>The authority's certificate, as it appears in its tokens.</summary>
    public X509Certificate2 Certificate => TimestampingCertificate.Value;

    private static X509Certificate2 NotForTimestamps => OtherCertificate.Value;

    public TimestampAuthorityBehaviour Behaviour { get; set; } = TimestampAuthorityBehaviour.Grant;

    /// <summary>How many requests reached the authority.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <param name="clock">The authority's clock (genTime); the system clock unless given.</param>
    public static async Task<TestTimestampAuthority> StartAsync(TimeProvider? clock = null)
    {
        var authority = new TestTimestampAuthority(clock ?? TimeProvider.System);
        (authority._app, authority.Address) = await LoopbackSite.StartAsync(app => app.MapPost("/", authority.AnswerAsync));
        return authority;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (context.Request.ContentType != "application/timestamp-query")
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        if (Behaviour == TimestampAuthorityBehaviour.HttpError)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (!Rfc3161TimestampRequest.TryDecode(body.ToArray(), out var request, out _))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var reply = Behaviour == TimestampAuthorityBehaviour.Reject
            ? Rejection("the test authority was told to reject")
            : Granted(Token(request, Behaviour == TimestampAuthorityBehaviour.WrongCertificate ? NotForTimestamps : Certificate));
        context.Response.ContentType = "application/timestamp-reply";
        await context.Response.Body.WriteAsync(reply);
    }

    /// <summary>TimeStampToken: SignedData (id-ct-TSTInfo content) with signing-certificate-v2 among the signed attributes.</summary>
    private byte[] Token(Rfc3161TimestampRequest request, X509Certificate2 signerCertificate)
    {
        var cms = new SignedCms(new ContentInfo(new Oid(TstInfoOid), TstInfo(request)));
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signerCertificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = request.RequestSignerCertificate ? X509IncludeOption.EndCertOnly : X509IncludeOption.None,
        };
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid(SigningCertificateV2Oid), SigningCertificateV2(signerCertificate)));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>TSTInfo ::= SEQUENCE { version, policy, messageImprint, serialNumber, genTime, nonce OPTIONAL } (RFC 3161 2.4.2).</summary>
    private byte[] TstInfo(Rfc3161TimestampRequest request)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteObjectIdentifier(PolicyOid);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(request.HashAlgorithmId.Value!);
                }

                writer.WriteOctetString(request.GetMessageHash().Span);
            }

            writer.WriteInteger(Interlocked.Increment(ref _serial));
            writer.WriteGeneralizedTime(_clock.GetUtcNow(), omitFractionalSeconds: true);
            if (request.GetNonce() is { } nonce)
            {
                writer.WriteInteger(nonce.Span);
            }
        }

        return writer.Encode();
    }

    /// <summary>SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; the hash algorithm defaults to SHA-256, so DER omits it.</summary>
    private static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA256.HashData(certificate.RawData));
        }

        return writer.Encode();
    }

    /// <summary>TimeStampResp ::= SEQUENCE { status PKIStatusInfo (granted), timeStampToken }.</summary>
    private static byte[] Granted(byte[] token)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
            }

            writer.WriteEncodedValue(token);
        }

        return writer.Encode();
    }

    /// <summary>TimeStampResp with PKIStatusInfo { status rejection(2), statusString }, and no token.</summary>
    private static byte[] Rejection(string why)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteInteger(2);
            using (writer.PushSequence())
            {
                writer.WriteCharacterString(UniversalTagNumber.UTF8String, why);
            }
        }

        return writer.Encode();
    }

    private static X509Certificate2 CreateCertificate(string subject, bool timeStamping)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        var usage = timeStamping ? "1.3.6.1.5.5.7.3.8" : "1.3.6.1.5.5.7.3.4"; // timeStamping, else emailProtection
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], critical: true));
        using var created = request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
