using System.Globalization;
using System.Text;

namespace EsgTrace.Audit;

/// <summary>
/// Text that reaches the audit trail from outside (ids, names, reasons, partners' event fields): one line, bounded. Control
/// characters (CR, LF, tab, NUL, C1), Unicode line and paragraph separators, invisible format characters (bidi overrides,
/// zero-width) and lone surrogates each become one space, so a record can never forge a second line or hide text;
/// text longer than <see cref="MaxLength"/> is cut and ends with <see cref="Ellipsis"/>.
/// </summary>
public static class AuditText
{
    /// <summary>Characters (UTF-16 code units) per audit field at most, the ellipsis included.</summary>
    public const int MaxLength = 200;

    /// <summary>Marks a value that was cut.</summary>
    public const string Ellipsis = "…";

    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxLength && !text.Any(Replaced))
        {
            return text;
        }

        var clean = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        var i = 0;
        for (; i < text.Length && clean.Length < MaxLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(Replaced(c) ? ' ' : c);
            }
        }

        if (i < text.Length || clean.Length > MaxLength)
        {
            // Cut before a whole character, never between the halves of a surrogate pair.
            var keep = MaxLength - Ellipsis.Length;
            clean.Length = char.IsLowSurrogate(clean[keep]) ? keep - 1 : keep;
            clean.Append(Ellipsis);
        }

        return clean.ToString();
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    private static bool Replaced(char c) => char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
