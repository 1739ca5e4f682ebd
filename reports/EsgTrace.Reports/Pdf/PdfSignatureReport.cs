namespace EsgTrace.Reports.Pdf;

/// <summary>What the last signature of a PDF says about it, and who made it when.</summary>
/// <param name="SigningTime">The time the signer claims (its CMS signing-time attribute): the signer's own clock.</param>
/// <param name="Timestamp">The RFC 3161 timestamp over the signature, when it carries one: a third party's clock.</param>
public sealed record PdfSignatureReport(
    bool Signed,
    bool SignatureValid,
    bool CoversWholeFile,
    string? Problem,
    SignerCertificate? Signer = null,
    DateTimeOffset? SigningTime = null,
    SignatureTimestampReport? Timestamp = null);
