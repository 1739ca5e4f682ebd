namespace EsgTrace.Epcis.Query;

/// <summary>
/// A family of query parameters (fixed names, or names built from a field, type or unit): whether it reads a name, and
/// reading it into the draft. Families are tried in the order of <see cref="EpcisQueryParameterFamilies.All"/>; the first
/// that claims a name reads it.
/// </summary>
public abstract class QueryParameterFamily
{
    /// <summary>True when the name is one of this family's.</summary>
    public abstract bool Claims(string name);

    /// <summary>Adds what the parameter asks to the draft; returns an error text (a QueryParameterException) or null.</summary>
    public abstract string? Read(QueryParameter parameter, QueryDraft draft);

    /// <summary>A short description of the family's names, for the list a refusal gives.</summary>
    public abstract string Describe { get; }
}
