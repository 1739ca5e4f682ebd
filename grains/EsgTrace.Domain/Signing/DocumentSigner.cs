using EsgTrace.Reports.Pdf;
using EsgTrace.Reports.Signing;

namespace EsgTrace.Signing;

/// <summary>The platform's signer: its certificate, and the timestamp authority or none (then signatures carry only the claimed time).</summary>
public sealed class DocumentSigner(ISigningCertificate certificate, ITimestampAuthority? timestamps) : IDocumentSigner
{
    public Task<byte[]> SignAsync(byte[] pdf, PdfAttachment attachment, DateTimeOffset signingTime, string reason, CancellationToken cancellationToken = default)
        => PdfSigner.SignWithAttachmentAsync(pdf, attachment, certificate.Certificate, signingTime, reason, timestamps, cancellationToken);
}
