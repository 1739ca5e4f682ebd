using SkiaSharp;

namespace EsgTrace.Reports.Pdf;

/// <summary>
/// Writes content top to bottom on A4 pages, wrapping text and starting a new page when the next block does not fit.
/// Every page gets the same footer. Deterministic: the same calls produce the same drawing. It notes every character it
/// is asked to show, so the font can be subset to them.
/// </summary>
public sealed class PageWriter : IDisposable
{
    public const float PageWidth = 595.28f;   // A4 in points
    public const float PageHeight = 841.89f;
    public const float Margin = 48f;
    private const float FooterSpace = 36f;
    private readonly SKDocument _document;
    private readonly SKTypeface _typeface;
    private readonly Func<int, string> _footer;
    private readonly SortedSet<int> _codePoints = [];
    private SKCanvas? _canvas;
    private int _page;

    public PageWriter(SKDocument document, SKTypeface typeface, Func<int, string> footer)
    {
        _document = document;
        _typeface = typeface;
        _footer = footer;
        NewPage();
    }

    /// <summary>Every Unicode code point this writer was asked to show (or measure), footers included.</summary>
    public IReadOnlySet<int> CodePoints => _codePoints;

    public float Y { get; private set; }

    public float ContentWidth => PageWidth - 2 * Margin;

    public SKCanvas Canvas => _canvas!;

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Need(float height)
    {
        if (Y + height > PageHeight - Margin - FooterSpace)
        {
            NewPage();
        }
    }

    public void Space(float points) => Y += points;

    /// <summary>Writes wrapped text at the current position (optionally indented) and moves below it.</summary>
    public void Text(string text, TextStyle style, float indent = 0, float? width = null)
    {
        Shows(text);
        using var font = style.Font(_typeface);
        using var paint = style.Paint();
        foreach (var line in Wrap(text, font, (width ?? ContentWidth) - indent))
        {
            Need(style.LineHeight);
            Y += style.Size;
            Canvas.DrawText(line, Margin + indent, Y, font, paint);
            Y += style.LineHeight - style.Size;
        }
    }

    /// <summary>Draws text at an absolute position on the current page without moving the cursor.</summary>
    public void TextAt(string text, TextStyle style, float x, float baseline, SKTextAlign align = SKTextAlign.Left)
    {
        Shows(text);
        using var font = style.Font(_typeface);
        using var paint = style.Paint();
        Canvas.DrawText(text, x, baseline, align, font, paint);
    }

    public void Heading(string text)
    {
        Need(40);
        Space(10);
        Text(text, Typography.Heading);
        using var paint = new SKPaint { Color = Typography.Rule, StrokeWidth = 0.8f };
        Canvas.DrawLine(Margin, Y + 2, PageWidth - Margin, Y + 2, paint);
        Space(8);
    }

    /// <summary>A table with given column widths (fractions of the content width); the header row repeats after a page break.</summary>
    public void Table(IReadOnlyList<string> header, IReadOnlyList<float> widths, IEnumerable<IReadOnlyList<string>> rows, IReadOnlySet<int>? rightAligned = null)
    {
        var style = Typography.Body with { Size = 8f };
        var headerStyle = Typography.Small with { Color = Typography.Brand };
        void Row(IReadOnlyList<string> cells, TextStyle s)
        {
            foreach (var cell in cells)
            {
                Shows(cell);
            }

            using var font = s.Font(_typeface);
            using var paint = s.Paint();
            var wrapped = cells.Select((c, i) => Wrap(c, font, widths[i] * ContentWidth - 6).ToList()).ToList();
            var height = wrapped.Max(w => w.Count) * s.LineHeight + 4;
            Need(height);
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var w = widths[i] * ContentWidth;
                for (var l = 0; l < wrapped[i].Count; l++)
                {
                    var baseline = Y + s.Size + l * s.LineHeight;
                    if (rightAligned?.Contains(i) == true)
                    {
                        Canvas.DrawText(wrapped[i][l], x + w - 6, baseline, SKTextAlign.Right, font, paint);
                    }
                    else
                    {
                        Canvas.DrawText(wrapped[i][l], x, baseline, font, paint);
                    }
                }

                x += w;
            }

            Y += height;
            using var rule = new SKPaint { Color = Typography.Rule, StrokeWidth = 0.5f };
            Canvas.DrawLine(Margin, Y - 2, PageWidth - Margin, Y - 2, rule);
        }

        Row(header, headerStyle);
        foreach (var row in rows)
        {
            var before = _page;
            Need(style.LineHeight * 2);
            if (_page != before)
            {
                Row(header, headerStyle);
            }

            Row(row, style);
        }
    }

    /// <summary>A labelled horizontal bar: share 0-1 of the track, with the value text at the right.</summary>
    public void Bar(string label, decimal share, string value)
    {
        var style = Typography.Body with { Size = 8.5f };
        Need(style.LineHeight + 4);
        var labelWidth = ContentWidth * 0.34f;
        var valueWidth = ContentWidth * 0.18f;
        var trackX = Margin + labelWidth;
        var trackWidth = ContentWidth - labelWidth - valueWidth;
        TextAt(label, style, Margin, Y + style.Size);
        using var track = new SKPaint { Color = Typography.Track };
        using var fill = new SKPaint { Color = Typography.Brand };
        Canvas.DrawRect(trackX, Y + 2, trackWidth, style.Size, track);
        Canvas.DrawRect(trackX, Y + 2, trackWidth * (float)Math.Clamp(share, 0, 1), style.Size, fill);
        TextAt(value, style, Margin + ContentWidth, Y + style.Size, SKTextAlign.Right);
        Y += style.LineHeight + 4;
    }

    public void Dispose() => EndPage();

    public void EndPage()
    {
        if (_canvas is null)
        {
            return;
        }

        TextAt(_footer(_page), Typography.Small, Margin, PageHeight - Margin + 10);
        TextAt($"page {_page}", Typography.Small, PageWidth - Margin, PageHeight - Margin + 10, SKTextAlign.Right);
        _document.EndPage();
        _canvas = null;
    }

    private void NewPage()
    {
        EndPage();
        _canvas = _document.BeginPage(PageWidth, PageHeight);
        _page++;
        Y = Margin;
    }

    private void Shows(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            _codePoints.Add(rune.Value);
        }
    }

    /// <summary>Greedy word wrap; words longer than the line (hashes, ids) are broken by character.</summary>
    public static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    yield return line;
                }

                line = word;
                while (font.MeasureText(line) > width && line.Length > 1)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && font.MeasureText(line[..fit]) > width)
                    {
                        fit--;
                    }

                    yield return line[..fit];
                    line = line[fit..];
                }
            }

            yield return line;
        }
    }
}
