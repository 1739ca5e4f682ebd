using System.Globalization;

namespace EsgTrace.Units;

/// <summary>How figures are written in text (formulas, CSV): invariant culture, no trailing zeros (decimal keeps its inputs' scale: 0.8 t × 1000 = 800.0).</summary>
public static class Numbers
{
    public static string Plain(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
