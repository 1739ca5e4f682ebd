namespace EsgTrace.Epcis.Query;

/// <summary>
/// UN/CEFACT Recommendation 20 unit codes a sensor value or a quantity may carry, and exact conversions between units of one
/// dimension (base = (value + Shift) × Scale: kelvin, kilogram, metre, litre, pascal, second, metre per second, joule), so
/// GE_value_KEL finds a reading written in CEL. Codes outside the table compare only with themselves.
/// </summary>
public static class SensorUnits
{
    private sealed record Unit(string Dimension, decimal Scale, decimal Shift = 0m);

    private static readonly Dictionary<string, Unit> Units = new(StringComparer.Ordinal)
    {
        ["KEL"] = new("temperature", 1m), ["CEL"] = new("temperature", 1m, 273.15m), ["FAH"] = new("temperature", 5m / 9m, 459.67m),
        ["KGM"] = new("mass", 1m), ["GRM"] = new("mass", 0.001m), ["MGM"] = new("mass", 0.000001m), ["TNE"] = new("mass", 1000m), ["LBR"] = new("mass", 0.45359237m),
        ["MTR"] = new("length", 1m), ["CMT"] = new("length", 0.01m), ["MMT"] = new("length", 0.001m), ["KMT"] = new("length", 1000m), ["INH"] = new("length", 0.0254m), ["FOT"] = new("length", 0.3048m),
        ["LTR"] = new("volume", 1m), ["MLT"] = new("volume", 0.001m), ["MTQ"] = new("volume", 1000m),
        ["PAL"] = new("pressure", 1m), ["KPA"] = new("pressure", 1000m), ["A97"] = new("pressure", 100m), ["MBR"] = new("pressure", 100m), ["BAR"] = new("pressure", 100_000m),
        ["SEC"] = new("time", 1m), ["MIN"] = new("time", 60m), ["HUR"] = new("time", 3600m), ["DAY"] = new("time", 86_400m),
        ["MTS"] = new("speed", 1m), ["KMH"] = new("speed", 1m / 3.6m),
        ["JOU"] = new("energy", 1m), ["KJO"] = new("energy", 1000m), ["WHR"] = new("energy", 3600m), ["KWH"] = new("energy", 3_600_000m),
    };

    /// <summary>A UN/CEFACT code as query parameter names carry it: 2 to 4 upper-case letters or digits.</summary>
    public static bool IsCode(string code) => code.Length is >= 2 and <= 4 && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>The value in <paramref name="from"/> expressed in <paramref name="to"/>; null when the units are not of one known dimension.</summary>
    public static decimal? Convert(decimal value, string? from, string to)
    {
        if (from == to)
        {
            return value;
        }

        if (from is null || !Units.TryGetValue(from, out var f) || !Units.TryGetValue(to, out var t) || f.Dimension != t.Dimension)
        {
            return null;
        }

        var normalised = (value + f.Shift) * f.Scale;
        return Math.Round((normalised / t.Scale) - t.Shift, 10);
    }
}
