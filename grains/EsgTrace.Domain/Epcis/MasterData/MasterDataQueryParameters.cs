namespace EsgTrace.Epcis;

/// <summary>
/// Reads the SimpleEventQuery parameters that need master data (EPCIS 2.0 section 8.2.7.1): WD_bizLocation and WD_readPoint
/// (the values and their direct or indirect descendants by the children hierarchy), EQATTR_fieldname_attrname (the field's
/// element has attribute attrname with one of the values) and HASATTR_fieldname (the field's element has a non-null
/// attribute of one of the names). Values are lists in the REST binding's pipe syntax or in commas.
/// </summary>
public static class MasterDataQueryParameters
{
    private const string EqAttr = "EQATTR_";
    private const string HasAttr = "HASATTR_";
    private static readonly char[] Separators = ['|', ','];

    public static bool Handles(string name)
        => name is "WD_bizLocation" or "WD_readPoint" || name.StartsWith(EqAttr, StringComparison.Ordinal) || name.StartsWith(HasAttr, StringComparison.Ordinal);

    /// <summary>The condition a parameter sets, or why it is refused (a QueryParameterException).</summary>
    public static (MasterDataCondition? Condition, string? Error) Read(string name, IEnumerable<string?> raw)
    {
        var values = new List<string>();
        foreach (var v in raw.Where(v => v is not null))
        {
            var items = v!.Split(Separators, StringSplitOptions.TrimEntries);
            if (items.Any(string.IsNullOrEmpty))
            {
                return (null, $"'{name}' has an empty value; give one or more values separated by '|' (or ',').");
            }

            values.AddRange(items);
        }

        if (values.Count == 0)
        {
            return (null, $"'{name}' needs one or more values separated by '|' (or ',').");
        }

        if (name is "WD_bizLocation" or "WD_readPoint")
        {
            var field = MasterDataField.Named(name[3..])!;
            return (new MasterDataCondition(MasterDataTest.WithDescendants, field.Name, null, Distinct(values.Select(v => VocabularyTypes.Canonical(field.VocabularyType, v)))), null);
        }

        if (name.StartsWith(HasAttr, StringComparison.Ordinal))
        {
            var fieldName = name[HasAttr.Length..];
            return MasterDataField.Named(fieldName) is { } field
                ? (new MasterDataCondition(MasterDataTest.HasAttribute, field.Name, null, Distinct(values.Select(MasterDataAttributes.Expand))), null)
                : (null, UnknownField(name, fieldName));
        }

        // EQATTR_<field>_<attribute>: field names hold no '_', attribute names may.
        var rest = name[EqAttr.Length..];
        var cut = rest.IndexOf('_', StringComparison.Ordinal);
        if (cut <= 0 || cut == rest.Length - 1)
        {
            return (null, $"'{name}' must be EQATTR_<field>_<attribute>, e.g. EQATTR_bizLocation_urn:epcglobal:cbv:mda:countryCode (fields: {MasterDataField.Names}).");
        }

        return MasterDataField.Named(rest[..cut]) is { } eqField
            ? (new MasterDataCondition(MasterDataTest.AttributeEquals, eqField.Name, MasterDataAttributes.Expand(rest[(cut + 1)..]), Distinct(values)), null)
            : (null, UnknownField(name, rest[..cut]));
    }

    private static List<string> Distinct(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).ToList();

    private static string UnknownField(string name, string field)
        => $"'{name}' names the field '{field}', which is not a field of a vocabulary type this repository keeps master data for; fields: {MasterDataField.Names}.";
}
