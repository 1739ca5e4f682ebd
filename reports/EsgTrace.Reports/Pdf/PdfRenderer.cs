using EsgTrace.Reports.Fonts;
using SkiaSharp;

namespace EsgTrace.Reports.Pdf;

/// <summary>
/// Renders a document in two passes. Which characters a document shows is known only once it has been laid out, and Skia
/// embeds the whole font program it is given; so the first pass lays the document out with the whole font and is thrown
/// away, and the second draws it with a font subset to exactly those characters. Both passes run the same composition.
/// </summary>
public static class PdfRenderer
{
    /// <param name="idSeed">What the document's id is derived from (see <see cref="DeterministicIds"/>).</param>
    public static byte[] Render(SKDocumentPdfMetadata metadata, Func<int, string> footer, Action<PageWriter> compose, string idSeed)
    {
        var shown = Characters(metadata, footer, compose);
        using var typeface = Typography.Load(FontSubsetter.Subset(Typography.FontProgram, shown));
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            var page = new PageWriter(document, typeface, footer);
            using (page)
            {
                compose(page);
            }

            // A character only the second pass shows would be missing from the font: refuse rather than print a blank.
            if (!page.CodePoints.IsSubsetOf(shown))
            {
                document.Abort();
                var missing = string.Join(", ", page.CodePoints.Except(shown).Select(c => $"U+{c:X4}"));
                throw new InvalidOperationException($"The document's composition is not deterministic: its second pass showed {missing}, which the first did not.");
            }
        }

        return DeterministicIds.Apply(stream.ToArray(), idSeed);
    }

    private static IReadOnlySet<int> Characters(SKDocumentPdfMetadata metadata, Func<int, string> footer, Action<PageWriter> compose)
    {
        using var document = SKDocument.CreatePdf(Stream.Null, metadata);
        var page = new PageWriter(document, Typography.Typeface, footer);
        using (page)
        {
            compose(page);
        }

        document.Abort();
        return page.CodePoints;
    }
}
