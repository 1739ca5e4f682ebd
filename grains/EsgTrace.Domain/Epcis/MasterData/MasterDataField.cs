using System.Text.Json;

namespace EsgTrace.Epcis;

/// <summary>
/// An event field whose type is a vocabulary type, as the SimpleEventQuery's HASATTR_fieldname and
/// EQATTR_fieldname_attrname name it: the vocabulary its values are elements of, and its values in an event (canonical).
/// </summary>
public sealed record MasterDataField(string Name, string VocabularyType, Func<JsonElement, IEnumerable<string>> ValuesOf)
{
    public static readonly IReadOnlyList<MasterDataField> All =
    [
        new("bizLocation", VocabularyTypes.BusinessLocation, e => One(EpcisTerms.Location(e, "bizLocation"))),
        new("readPoint", VocabularyTypes.ReadPoint, e => One(EpcisTerms.Location(e, "readPoint"))),
        new("bizStep", VocabularyTypes.BusinessStep, e => One(EpcisTerms.Text(e, "bizStep") is { } s ? EpcisTerms.BizStepValue(s) : null)),
        new("disposition", VocabularyTypes.Disposition, e => One(EpcisTerms.Text(e, "disposition") is { } d ? EpcisTerms.DispositionValue(d) : null)),
        new("epcClass", VocabularyTypes.EpcClass, e => EpcisTerms.Classes(e, EpcisTerms.QuantityFields)),
        new("source", VocabularyTypes.SourceDest, e => SourceDest(e, "sourceList", "source")),
        new("destination", VocabularyTypes.SourceDest, e => SourceDest(e, "destinationList", "destination")),
    ];

    public static MasterDataField? Named(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    public static string Names => string.Join(", ", All.Select(f => f.Name));

    private static IEnumerable<string> One(string? value) => value is null ? [] : [value];

    private static IEnumerable<string> SourceDest(JsonElement e, string list, string field)
    {
        if (!e.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in items.EnumerateArray())
        {
            if (EpcisTerms.Text(item, field) is { } id)
            {
                yield return EpcisTerms.Identifier(id);
            }
        }
    }
}
