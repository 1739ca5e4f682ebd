namespace EsgTrace.Epcis;

/// <summary>What a master-data query parameter asks of the element an event field names.</summary>
public enum MasterDataTest
{
    /// <summary>WD_: the value is one of <see cref="MasterDataCondition.Values"/> or a direct or indirect descendant of one.</summary>
    WithDescendants,

    /// <summary>EQATTR_: the element's attribute <see cref="MasterDataCondition.Attribute"/> equals one of the values.</summary>
    AttributeEquals,

    /// <summary>HASATTR_: the element has a non-null attribute named by one of the values.</summary>
    HasAttribute,
}

/// <summary>One master-data query parameter as parsed (ids canonical, attribute names expanded), resolved by the repository once per query.</summary>
[GenerateSerializer, Immutable, Alias("esg.master-data-condition")]
public sealed record MasterDataCondition(MasterDataTest Test, string Field, string? Attribute, IReadOnlyList<string> Values);
