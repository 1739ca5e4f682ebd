using System.Globalization;

namespace EsgTrace.Reports;

/// <summary>
/// How every page and document writes kg CO2e: five significant digits (whole-number digits are never rounded away),
/// invariant culture, thousands grouped, no trailing zeros. Only text is rounded: stored and API figures keep full precision.
/// </summary>
public static class Co2eFormat
{
    /// <summary>The one choice of precision for kg CO2e in text.</summary>
    public const int SignificantDigits = 5;

    public const string Unit = "kg CO2e";

    /// <summary>The figure alone, e.g. 1.362397251 → "1.3624", 0.016597251 → "0.016597", 123456.7 → "123,457".</summary>
    public static string Kg(decimal value)
    {
        if (value == 0)
        {
            return "0";
        }

        var decimals = Math.Clamp(SignificantDigits - IntegerDigits(Math.Abs(value)), 0, 28);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString(decimals == 0 ? "#,##0" : "#,##0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>The figure with its unit, e.g. "1.3624 kg CO2e".</summary>
    public static string WithUnit(decimal value) => Kg(value) + " " + Unit;

    /// <summary>Digits before the decimal point; zero or less for values below 1 (0.0123 → -1: one zero after the point).</summary>
    private static int IntegerDigits(decimal abs)
    {
        var digits = 0;
        if (abs >= 1)
        {
            for (var v = decimal.Truncate(abs); v >= 1; v = decimal.Truncate(v / 10))
            {
                digits++;
            }

            return digits;
        }

        for (var v = abs * 10; v < 1; v *= 10)
        {
            digits--;
        }

        return digits;
    }
}
