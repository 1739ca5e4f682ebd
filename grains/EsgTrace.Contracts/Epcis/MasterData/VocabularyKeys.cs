namespace EsgTrace.Epcis;

/// <summary>Keys of the master-data grains.</summary>
public static class VocabularyKeys
{
    /// <summary>The element grain's key: type, a space (no URI holds one), canonical id.</summary>
    public static string Grain(string type, string canonicalId) => type + " " + canonicalId;

    public static (string Type, string Id) Parse(string grainKey)
    {
        var cut = grainKey.IndexOf(' ', StringComparison.Ordinal);
        return (grainKey[..cut], grainKey[(cut + 1)..]);
    }
}
