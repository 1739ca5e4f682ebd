namespace EsgTrace.GreenIt;

/// <summary>Whether an intensity figure was measured (what the grid emitted) or forecast (what a source expects it to emit).</summary>
public enum IntensityKind
{
    Measured,
    Forecast,
}
