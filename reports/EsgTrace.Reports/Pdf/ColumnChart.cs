using SkiaSharp;

namespace EsgTrace.Reports.Pdf;

/// <summary>A column chart across the content width: the value above each column and the label below.</summary>
public static class ColumnChart
{
    public static void Draw(PageWriter page, IReadOnlyList<(string Label, decimal Value)> columns, Func<decimal, string> format, string empty)
    {
        if (columns.Count == 0)
        {
            page.Text(empty, Typography.Body);
            return;
        }

        const float height = 120;
        page.Need(height + 30);
        var max = Math.Max(columns.Max(c => c.Value), 0.000001m);
        var slot = page.ContentWidth / columns.Count;
        var width = Math.Min(slot * 0.7f, 40);
        var baseY = page.Y + height + 12;
        using var fill = new SKPaint { Color = Typography.Brand };
        using var rule = new SKPaint { Color = Typography.Rule, StrokeWidth = 0.5f };
        page.Canvas.DrawLine(PageWriter.Margin, baseY, PageWriter.Margin + page.ContentWidth, baseY, rule);
        var small = Typography.Small with { Size = columns.Count > 12 ? 5.5f : 7f };
        for (var i = 0; i < columns.Count; i++)
        {
            var h = (float)(Math.Max(columns[i].Value, 0) / max) * height;
            var x = PageWriter.Margin + (i * slot) + ((slot - width) / 2);
            page.Canvas.DrawRect(x, baseY - h, width, h, fill);
            page.TextAt(format(columns[i].Value), small, x + (width / 2), baseY - h - 2, SKTextAlign.Center);
            page.TextAt(columns[i].Label, small, x + (width / 2), baseY + 9, SKTextAlign.Center);
        }

        page.Space(height + 26);
    }
}
