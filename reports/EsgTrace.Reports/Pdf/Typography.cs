using SkiaSharp;

namespace EsgTrace.Reports.Pdf;

/// <summary>
/// The named text styles of every EsgTrace document; one embedded font (DejaVu Sans) in several sizes and colours. The
/// whole font lays a document out; the PDF embeds a subset of it (see <see cref="PdfRenderer"/>).
/// </summary>
public static class Typography
{
    private static readonly Lazy<byte[]> Program = new(() =>
    {
        using var stream = typeof(Typography).Assembly.GetManifestResourceStream("EsgTrace.Reports.Fonts.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The embedded font DejaVuSans.ttf is missing.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    });

    private static readonly Lazy<SKTypeface> Face = new(() => Load(Program.Value));

    public static readonly SKColor Ink = new(0x21, 0x21, 0x21);
    public static readonly SKColor Muted = new(0x61, 0x61, 0x61);
    public static readonly SKColor Brand = new(0x1b, 0x5e, 0x20);
    public static readonly SKColor Alert = new(0xb7, 0x1c, 0x1c);
    public static readonly SKColor Rule = new(0xcf, 0xd8, 0xcf);
    public static readonly SKColor Track = new(0xe8, 0xef, 0xe8);

    public static TextStyle Title => new(22, Brand);

    public static TextStyle Heading => new(13, Brand);

    public static TextStyle Body => new(9.5f, Ink);

    public static TextStyle Small => new(7.5f, Muted);

    public static TextStyle Figure => new(26, Ink);

    public static TextStyle Mono => new(7f, Ink);

    /// <summary>The whole font program (TrueType bytes).</summary>
    public static byte[] FontProgram => Program.Value;

    /// <summary>The whole font, for laying a document out before its subset is known.</summary>
    public static SKTypeface Typeface => Face.Value;

    /// <summary>
    /// A typeface over a copy of <paramref name="program"/>. Skia reads the font's bytes again when it embeds them, so the
    /// typeface owns its copy rather than a stream that might be closed by then.
    /// </summary>
    public static SKTypeface Load(byte[] program)
    {
        using var data = SKData.CreateCopy(program);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException("The font could not be loaded.");
    }
}

/// <summary>A size and colour of the document font.</summary>
public readonly record struct TextStyle(float Size, SKColor Color)
{
    public SKFont Font(SKTypeface typeface) => new(typeface, Size) { Subpixel = true };

    public SKPaint Paint() => new() { Color = Color, IsAntialias = true };

    public float LineHeight => Size * 1.35f;
}
