namespace EsgTrace.Epcis.Query;

/// <summary>The comparison a query parameter's prefix names: EQ_, GT_, GE_, LT_, LE_ (and EXISTS_ for presence alone).</summary>
public enum Comparison
{
    Eq,
    Gt,
    Ge,
    Lt,
    Le,
    Exists,
}

/// <summary>Reading and applying <see cref="Comparison"/>s.</summary>
public static class Comparisons
{
    /// <summary>The prefixes of ordered comparisons, longest first so "GE_" never reads as "G".</summary>
    public static readonly (string Prefix, Comparison Op)[] Prefixes =
        [("EQ_", Comparison.Eq), ("GT_", Comparison.Gt), ("GE_", Comparison.Ge), ("LT_", Comparison.Lt), ("LE_", Comparison.Le), ("EXISTS_", Comparison.Exists)];

    /// <summary>True when a value that compares to the parameter as <paramref name="order"/> (negative: less) meets the comparison.</summary>
    public static bool Holds(this Comparison op, int order) => op switch
    {
        Comparison.Eq => order == 0,
        Comparison.Gt => order > 0,
        Comparison.Ge => order >= 0,
        Comparison.Lt => order < 0,
        Comparison.Le => order <= 0,
        _ => true,
    };

    /// <summary>Splits "GE_rest" into (Ge, "rest"); null when the name starts with none of the prefixes.</summary>
    public static (Comparison Op, string Remainder)? Split(string name)
    {
        foreach (var (prefix, op) in Prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                return (op, name[prefix.Length..]);
            }
        }

        return null;
    }
}
