namespace EsgTrace.Epcis;

/// <summary>
/// Names of the EPCIS 2.0 query parameters (standard section 8.2.7.1, REST binding openapi.yaml and query-schema.json) this
/// repository does not implement: the EQ_ATTR_ spelling some schema versions list beside the standard's EQATTR_. A refusal
/// can then say "standard but unsupported" rather than "unknown"; either way it is a QueryParameterException, never a
/// silently ignored filter.
/// </summary>
public static class EpcisStandardQueryParameters
{
    private static readonly string[] Names = [];

    /// <summary>Families of names built from a field or attribute name.</summary>
    private static readonly string[] Prefixes = ["EQ_ATTR_"];

    public static bool IsStandard(string name)
        => Names.Contains(name, StringComparer.Ordinal) || Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
