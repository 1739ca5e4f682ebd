using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace EsgTrace.Epcis.Query;

/// <summary>
/// One value of a query parameter, read once as what it can be: its text, a decimal number, an instant (an RFC 3339
/// date-time with offset). Comparisons against event values compare numbers as numbers and times as instants.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-query-value")]
public sealed record QueryValue(string Text, decimal? Number, Instant? Time)
{
    public static QueryValue Of(string text) => new(text, NumberOf(text), TimeOf(text));

    public static decimal? NumberOf(string text)
        => text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.')
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>An RFC 3339 date-time with its offset ("Z" or ±hh:mm after the time); a bare date, a local time or a number is no instant.</summary>
    public static Instant? TimeOf(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        return t == 10 && text[4] == '-' && (text.EndsWith('Z') || text.AsSpan(t).IndexOfAny('+', '-') > 0)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? Instant.FromDateTimeOffset(value) : null;
    }

    /// <summary>
    /// How a JSON value compares to this one: negative when less, 0 when equal, positive when greater; null when they
    /// cannot be compared (a string against a number, an object). Numbers (JSON numbers or numeric strings) compare as
    /// decimals, date-times as instants, other strings ordinally; booleans equal only their own text.
    /// </summary>
    public int? CompareFrom(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when Number is { } n && value.TryGetDecimal(out var d):
                return d.CompareTo(n);
            case JsonValueKind.String:
                var s = value.GetString()!.Trim();
                if (Time is { } t && TimeOf(s) is { } st)
                {
                    return st.CompareTo(t);
                }

                if (Number is { } number && NumberOf(s) is { } sn)
                {
                    return sn.CompareTo(number);
                }

                return Number is null && Time is null ? string.CompareOrdinal(s, Text) : null;
            case JsonValueKind.True or JsonValueKind.False:
                return string.Equals(Text, value.ValueKind == JsonValueKind.True ? "true" : "false", StringComparison.OrdinalIgnoreCase) ? 0 : null;
            default:
                return null;
        }
    }
}
