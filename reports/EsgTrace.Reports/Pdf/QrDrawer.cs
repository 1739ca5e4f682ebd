using QRCoder;
using SkiaSharp;

namespace EsgTrace.Reports.Pdf;

/// <summary>Draws a QR code as vector rectangles (sharp at any zoom, no image decoding).</summary>
public static class QrDrawer
{
    public static void Draw(SKCanvas canvas, string text, float x, float y, float size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var count = modules.Count;
        var cell = size / count;
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        for (var row = 0; row < count; row++)
        {
            for (var column = 0; column < count; column++)
            {
                if (modules[row][column])
                {
                    canvas.DrawRect(x + column * cell, y + row * cell, cell, cell, paint);
                }
            }
        }
    }
}
