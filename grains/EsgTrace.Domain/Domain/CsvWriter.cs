using System.Globalization;
using System.Text;
using EsgTrace.Units;

namespace EsgTrace.Domain;

/// <summary>
/// The one writer of every CSV the platform emits (RFC 4180: CRLF lines, cells with ',', '"', CR or LF quoted, quotes
/// doubled), safe to open in a spreadsheet (OWASP "CSV injection"): a text cell that starts with '=', '+', '-', '@', tab,
/// CR or LF is neutralised, prefixed with a single quote and quoted, so a spreadsheet shows it as text and never runs it
/// as a formula. Numbers are written by the number formatter (<see cref="CsvCell.Number(decimal)"/>) and kept as numbers,
/// a negative one too: their text never comes from outside. Everything else, names and ids included, is text.
/// </summary>
public sealed class CsvWriter
{
    private readonly StringBuilder _csv = new();

    /// <summary>Starts the file with its header row.</summary>
    public CsvWriter(params string[] header) => Row([.. header.Select(h => (CsvCell)h)]);

    public CsvWriter Row(params CsvCell[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                _csv.Append(',');
            }

            _csv.Append(cells[i].IsNumber ? cells[i].Value : Text(cells[i].Value));
        }

        _csv.Append("\r\n");
        return this;
    }

    public override string ToString() => _csv.ToString();

    /// <summary>A text cell as written: neutralised when a spreadsheet would read it as a formula, quoted when needed.</summary>
    public static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n')
        {
            return "\"'" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>One CSV cell: text (from any source; neutralised by <see cref="CsvWriter"/>) or a number the platform formatted.</summary>
public readonly record struct CsvCell(string Value, bool IsNumber)
{
    public static implicit operator CsvCell(string? text) => new(text ?? string.Empty, false);

    public static CsvCell Number(decimal value) => new(Numbers.Plain(value), true);

    public static CsvCell Number(int value) => new(value.ToString(CultureInfo.InvariantCulture), true);
}
