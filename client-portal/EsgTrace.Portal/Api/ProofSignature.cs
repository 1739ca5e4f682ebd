using EsgTrace.Reports.Pdf;

namespace EsgTrace.Portal.Api;

/// <summary>
/// Who signed an uploaded PDF and when, as the public check shows it: the signer's certificate, the time the signer
/// claims, and the RFC 3161 timestamp (a third party's time) when the signature carries one.
/// </summary>
public sealed record ProofSignature(SignerCertificate? Signer, DateTimeOffset? SigningTime, SignatureTimestampReport? Timestamp)
{
    /// <summary>The details of a signature that verifies; none for an unsigned file or a signature that does not verify (its claims mean nothing).</summary>
    public static ProofSignature? From(PdfSignatureReport report)
        => report.Signed && report.SignatureValid ? new(report.Signer, report.SigningTime, report.Timestamp) : null;
}
