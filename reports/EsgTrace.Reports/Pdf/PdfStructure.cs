using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EsgTrace.Reports.Pdf;

/// <summary>
/// Just enough of a PDF's structure to append an incremental update: the last trailer (Size, Root, Info, ID, startxref)
/// and the text of objects found through classic cross-reference tables. Refuses what it does not understand
/// (cross-reference streams) rather than guessing.
/// </summary>
public sealed partial class PdfStructure
{
    private readonly byte[] _pdf;
    private readonly Dictionary<int, long> _offsets = [];

    public PdfStructure(byte[] pdf)
    {
        _pdf = pdf;
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 1024), Math.Min(1024, pdf.Length));
        var start = StartXref().Matches(tail);
        if (start.Count == 0)
        {
            throw new InvalidDataException("Not a PDF: no startxref at its end.");
        }

        StartXrefOffset = long.Parse(start[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        ReadXref(StartXrefOffset, first: true);
    }

    public long StartXrefOffset { get; }

    public int Size { get; private set; }

    public int Root { get; private set; }

    public int? Info { get; private set; }

    public string? Id { get; private set; }

    /// <summary>The text between "N 0 obj" and "endobj" (dictionaries only; streams are not needed here).</summary>
    public string ObjectText(int number)
    {
        if (!_offsets.TryGetValue(number, out var offset))
        {
            throw new InvalidDataException($"Object {number} is not in the cross-reference table.");
        }

        var text = Encoding.Latin1.GetString(_pdf, (int)offset, (int)Math.Min(_pdf.Length - offset, 64 * 1024));
        var open = text.IndexOf("obj", StringComparison.Ordinal) + 3;
        var end = text.IndexOf("endobj", open, StringComparison.Ordinal);
        var stream = text.IndexOf("stream", open, StringComparison.Ordinal);
        if (stream >= 0 && stream < end)
        {
            end = stream;
        }

        return text[open..end].Trim();
    }

    /// <summary>The object number of the first page, following /Pages → /Kids.</summary>
    public int FirstPage()
    {
        var node = Reference(ObjectText(Root), "Pages") ?? throw new InvalidDataException("The catalog has no /Pages.");
        for (var depth = 0; depth < 32; depth++)
        {
            var text = ObjectText(node);
            if (TypePage().IsMatch(text))
            {
                return node;
            }

            var kids = Kids().Match(text);
            if (!kids.Success)
            {
                throw new InvalidDataException($"Page tree node {node} has no /Kids.");
            }

            node = int.Parse(kids.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        throw new InvalidDataException("The page tree is deeper than 32 levels.");
    }

    public static int? Reference(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s+(\d+)\s+0\s+R");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private void ReadXref(long offset, bool first)
    {
        var text = Encoding.Latin1.GetString(_pdf, (int)offset, (int)Math.Min(_pdf.Length - offset, 4 * 1024 * 1024));
        if (!text.StartsWith("xref", StringComparison.Ordinal))
        {
            throw new InvalidDataException("Cross-reference streams are not supported; the PDF must use a classic xref table.");
        }

        var trailerAt = text.IndexOf("trailer", StringComparison.Ordinal);
        var lines = text[4..trailerAt].Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length;)
        {
            var header = lines[i].Trim().Split(' ');
            var firstObject = int.Parse(header[0], CultureInfo.InvariantCulture);
            var count = int.Parse(header[1], CultureInfo.InvariantCulture);
            for (var k = 0; k < count; k++)
            {
                var entry = lines[i + 1 + k].Trim().Split(' ');
                // Newer sections win: an object already seen was updated later.
                if (entry[2] == "n" && !_offsets.ContainsKey(firstObject + k))
                {
                    _offsets[firstObject + k] = long.Parse(entry[0], CultureInfo.InvariantCulture);
                }
            }

            i += count + 1;
        }

        var trailer = text[trailerAt..text.IndexOf(">>", trailerAt, StringComparison.Ordinal)];
        if (first)
        {
            Size = int.Parse(Regex.Match(trailer, @"/Size\s+(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            Root = Reference(trailer, "Root") ?? throw new InvalidDataException("The trailer has no /Root.");
            Info = Reference(trailer, "Info");
            var id = Regex.Match(text[trailerAt..], @"/ID\s*(\[[^\]]*\])");
            Id = id.Success ? id.Groups[1].Value : null;
        }

        var previous = Regex.Match(trailer, @"/Prev\s+(\d+)");
        if (previous.Success)
        {
            ReadXref(long.Parse(previous.Groups[1].Value, CultureInfo.InvariantCulture), first: false);
        }
    }

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex TypePage();

    [GeneratedRegex(@"/Kids\s*\[\s*(\d+)\s+0\s+R")]
    private static partial Regex Kids();
}
