using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EsgTrace.Reports.Pdf;

/// <summary>The facts of a certificate that a person checking a signature looks at.</summary>
/// <param name="SerialNumber">Hex, as certificate viewers show it.</param>
/// <param name="Sha256Thumbprint">Upper-case hex of the SHA-256 of the DER certificate.</param>
public sealed record SignerCertificate(string Subject, string Issuer, string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Sha256Thumbprint)
{
    public static SignerCertificate From(X509Certificate2 certificate) => new(
        certificate.Subject,
        certificate.Issuer,
        certificate.SerialNumber,
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        certificate.GetCertHashString(HashAlgorithmName.SHA256));
}
