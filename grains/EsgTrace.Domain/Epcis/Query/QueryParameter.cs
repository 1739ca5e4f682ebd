using System.Globalization;
using NodaTime;

namespace EsgTrace.Epcis.Query;

/// <summary>
/// One query parameter as sent: its name and every value given for it (a repeated parameter has several). Readers turn it
/// into what its family needs; each returns an error text rather than guessing.
/// </summary>
public sealed record QueryParameter(string Name, IReadOnlyList<string> Raw)
{
    private static readonly char[] Separators = ['|', ','];

    /// <summary>A list value: the REST binding's pipe syntax (a|b) and the comma syntax (a,b) both separate values; repeats add to the list.</summary>
    public (IReadOnlyList<string> Values, string? Error) List()
    {
        var values = new List<string>();
        foreach (var v in Raw)
        {
            var items = v.Split(Separators, StringSplitOptions.TrimEntries);
            if (items.Any(string.IsNullOrEmpty))
            {
                return ([], $"'{Name}' has an empty value; give one or more values separated by '|' (or ',').");
            }

            values.AddRange(items);
        }

        return (values.Distinct(StringComparer.Ordinal).ToList(), null);
    }

    /// <summary>A single value: given once, not empty.</summary>
    public (string Value, string? Error) Single()
    {
        var distinct = Raw.Distinct(StringComparer.Ordinal).ToList();
        return distinct switch
        {
            [var one] when one.Trim().Length > 0 => (one.Trim(), null),
            [_] => (string.Empty, $"'{Name}' needs a value."),
            _ => (string.Empty, $"'{Name}' is given more than once with different values; it takes one value."),
        };
    }

    public (Instant Value, string? Error) Time()
    {
        var (text, error) = Single();
        return error is not null ? (default, error)
            : QueryValue.TimeOf(text) is { } t ? (t, null)
            : (default, $"'{Name}' must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T00:00:00Z; '{text}' is not.");
    }

    public (decimal Value, string? Error) Number()
    {
        var (text, error) = Single();
        return error is not null ? (0, error)
            : QueryValue.NumberOf(text) is { } d ? (d, null)
            : (0, $"'{Name}' must be a number, e.g. 12.5; '{text}' is not.");
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public (int Value, string? Error) Integer(int min, int max)
    {
        var (text, error) = Single();
        return error is not null ? (0, error)
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? (n, null)
            : (0, $"'{Name}' must be a whole number from {min} to {max}; '{text}' is not.");
    }

    /// <summary>EXISTS_ parameters: no value (or true) asks for the field; false asks nothing (the standard: "regardless").</summary>
    public (bool Wanted, string? Error) Flag()
    {
        var last = Raw.Count > 0 ? Raw[^1].Trim() : string.Empty;
        return last.Length == 0 || last is "true" or "1" ? (true, null)
            : last is "false" or "0" ? (false, null)
            : (false, $"'{Name}' takes no value, or true / false.");
    }
}
