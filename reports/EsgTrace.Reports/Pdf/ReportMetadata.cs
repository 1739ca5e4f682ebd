using SkiaSharp;

namespace EsgTrace.Reports.Pdf;

/// <summary>The document information every EsgTrace PDF carries: PDF/A, 300 dpi rasters, created and modified at its document date.</summary>
public static class ReportMetadata
{
    public static SKDocumentPdfMetadata Of(string title, string subject, string creator, string keywords, DateTimeOffset documentDate) => new()
    {
        Title = title,
        Subject = subject,
        Author = "EsgTrace",
        Creator = creator,
        Producer = "EsgTrace (SkiaSharp)",
        Keywords = keywords,
        Creation = documentDate.UtcDateTime,
        Modified = documentDate.UtcDateTime,
        PdfA = true,
        RasterDpi = 300,
    };
}
