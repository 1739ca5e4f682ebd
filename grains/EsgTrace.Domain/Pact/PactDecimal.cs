using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EsgTrace.Pact;

/// <summary>PACT v3 decimals: JSON strings matching the specification's patterns (Decimal, PositiveNonZero, PositiveOrZero, NegativeOrZero).</summary>
public static partial class PactDecimal
{
    [GeneratedRegex(@"^[+-]?\d+(\.\d+)?$")]
    private static partial Regex DecimalPattern();

    /// <summary>The value of a v3 Decimal string, or null when it is not one (numbers are refused: v3 keeps decimals as strings).</summary>
    public static decimal? Parse(string? text)
        => text is not null && DecimalPattern().IsMatch(text) && decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static decimal? Of(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Parse(v.GetString()) : null;

    /// <summary>Written without exponent or trailing zeros, as the pattern wants ("0.2", "5.109265").</summary>
    public static string Text(decimal value) => Units.Numbers.Plain(value);
}
