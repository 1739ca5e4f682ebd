using System.Text.Json;
using EsgTrace.Epcis.Hashing;

namespace EsgTrace.Epcis;

/// <summary>The master data a document carries (epcisHeader.epcisMasterData), or why it is refused.</summary>
public sealed record EpcisMasterDataRead(IReadOnlyList<VocabularyElementIn> Elements, IReadOnlyList<EpcisProblem> Problems);

/// <summary>
/// Reads epcisHeader.epcisMasterData.vocabularyList (EPCIS 2.0 section 7; the JSON schema's vocabulary / vocabularyElement):
/// vocabulary types and attribute ids with the document's prefixes expanded, element and child ids in their canonical form
/// (<see cref="VocabularyTypes.Canonical"/>). The schema has already checked the shape; this refuses what it cannot see: one
/// element described twice differently, an element that is its own child, more elements than a capture takes.
/// </summary>
public static class EpcisMasterDataReader
{
    public const int ElementLimit = EpcisDocumentReader.CaptureLimit;

    public static EpcisMasterDataRead Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("epcisHeader", out var header) || header.ValueKind != JsonValueKind.Object
            || !header.TryGetProperty("epcisMasterData", out var masterData) || masterData.ValueKind != JsonValueKind.Object
            || !masterData.TryGetProperty("vocabularyList", out var vocabularies) || vocabularies.ValueKind != JsonValueKind.Array)
        {
            return new([], []);
        }

        var scope = JsonLdScope.With(EventHash.Prefixes(root));
        var elements = new List<VocabularyElementIn>();
        var at = new Dictionary<(string Type, string Id), (VocabularyElementIn Element, string Pointer)>();
        var problems = new List<EpcisProblem>();
        var v = 0;
        foreach (var vocabulary in vocabularies.EnumerateArray())
        {
            var type = scope.Expand(vocabulary.GetProperty("type").GetString()!);
            var i = 0;
            foreach (var item in vocabulary.TryGetProperty("vocabularyElementList", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : default)
            {
                var pointer = $"/epcisHeader/epcisMasterData/vocabularyList/{v}/vocabularyElementList/{i++}";
                var sent = item.GetProperty("id").GetString()!;
                var element = new VocabularyElementIn(type, VocabularyTypes.Canonical(type, sent), sent, Attributes(item, scope), Children(item, type));
                if (element.Children?.Contains(element.Id) == true)
                {
                    problems.Add(EpcisProblem.Invalid($"Vocabulary element '{sent}' names itself among its children.", pointer + "/children"));
                }

                if (at.TryGetValue((type, element.Id), out var twin))
                {
                    if (!Same(twin.Element, element))
                    {
                        problems.Add(EpcisProblem.Invalid($"Vocabulary element '{sent}' of {type} is described twice, differently ({twin.Pointer} and {pointer}); describe it once.", pointer));
                    }

                    continue;
                }

                at[(type, element.Id)] = (element, pointer);
                elements.Add(element);
            }

            v++;
        }

        if (elements.Count > ElementLimit)
        {
            return new([], [new EpcisProblem(EpcisProblem.CaptureLimitExceeded, "Too much master data.", $"The document describes {elements.Count} vocabulary elements; at most {ElementLimit} are captured at once. Split it.", "/epcisHeader/epcisMasterData", 413)]);
        }

        return problems.Count > 0 ? new([], problems) : new(elements, []);
    }

    private static List<VocabularyAttribute>? Attributes(JsonElement item, JsonLdScope scope)
    {
        if (!item.TryGetProperty("attributes", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return list.EnumerateArray()
            .Select(a => new VocabularyAttribute(
                scope.Expand(a.GetProperty("id").GetString()!),
                a.TryGetProperty("attribute", out var value) && value.ValueKind != JsonValueKind.Null ? value.GetRawText() : null))
            .ToList();
    }

    private static List<string>? Children(JsonElement item, string type)
        => item.TryGetProperty("children", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => VocabularyTypes.Canonical(type, c.GetString()!)).Distinct(StringComparer.Ordinal).ToList()
            : null;

    private static bool Same(VocabularyElementIn a, VocabularyElementIn b)
        => Equal(a.Attributes, b.Attributes) && Equal(a.Children, b.Children);

    private static bool Equal<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);
}
