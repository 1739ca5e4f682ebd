namespace EsgTrace.Units;

/// <summary>What a quantity measures; only quantities of the same dimension convert into each other.</summary>
public enum Dimension
{
    Mass,
    Energy,
    Distance,
    Count,
    MassDistance,
}
