namespace EsgTrace.Reports.Pdf;

/// <summary>A file embedded in a PDF (e.g. the lineage JSON), stored uncompressed so it extracts byte for byte.</summary>
public sealed record PdfAttachment(string FileName, string MimeType, string Description, byte[] Content);
