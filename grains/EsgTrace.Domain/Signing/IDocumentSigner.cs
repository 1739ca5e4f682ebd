using EsgTrace.Reports.Pdf;

namespace EsgTrace.Signing;

/// <summary>Signs the platform's PDFs (proofs, reports) with its certificate and, when one is configured, an RFC 3161 timestamp.</summary>
public interface IDocumentSigner
{
    /// <summary>
    /// The signed PDF with <paramref name="attachment"/> embedded. Throws
    /// <see cref="EsgTrace.Reports.Signing.TimestampAuthorityException"/> when a timestamp is configured but none could be had.
    /// </summary>
    Task<byte[]> SignAsync(byte[] pdf, PdfAttachment attachment, DateTimeOffset signingTime, string reason, CancellationToken cancellationToken = default);
}
