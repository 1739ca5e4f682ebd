namespace EsgTrace.Epcis;

/// <summary>The master-data attribute names the portal reads: the CBV's (1.2 "#" and 2.0 "cbvmda:" spellings) and the GS1 Web Vocabulary's.</summary>
public static class MasterDataAttributes
{
    /// <summary>Attribute ids that name an element, in order of preference.</summary>
    public static readonly string[] NameIds =
    [
        "urn:epcglobal:cbv:mda#name",
        "urn:epcglobal:cbv:mda:name",
        "https://gs1.org/voc/name",
        "https://gs1.org/voc/physicalLocationName",
        "https://gs1.org/voc/organizationName",
        "https://gs1.org/voc/productName",
    ];

    public static string? NameOf(IEnumerable<VocabularyAttribute> attributes)
    {
        var list = attributes as IReadOnlyList<VocabularyAttribute> ?? attributes.ToList();
        foreach (var id in NameIds)
        {
            if (list.FirstOrDefault(a => a.Id == id)?.Text is { Length: > 0 } name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>An attribute name as a query gives it: CURIEs of the standard context (cbvmda:, gs1:, cbv:) expanded.</summary>
    public static string Expand(string attribute) => Hashing.JsonLdScope.Standard.Expand(attribute.Trim());
}
