namespace EsgTrace.Epcis;

/// <summary>Resolves a query's master-data conditions to a <see cref="MasterDataFilter"/>, reading master data once per query.</summary>
public static class MasterDataResolution
{
    /// <returns>Null when the query has no master-data condition.</returns>
    public static async Task<MasterDataFilter?> ResolveAsync(IReadOnlyList<MasterDataCondition>? conditions, IVocabularyLookup lookup)
    {
        if (conditions is not { Count: > 0 })
        {
            return null;
        }

        var allowed = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var byType = new Dictionary<string, List<VocabularyElement>>(StringComparer.Ordinal);
        foreach (var c in conditions)
        {
            var field = MasterDataField.Named(c.Field) ?? throw new ArgumentException($"'{c.Field}' is not a master-data field.", nameof(conditions));
            var set = c.Test switch
            {
                MasterDataTest.WithDescendants => await DescendantsAsync(field.VocabularyType, c.Values, lookup),
                MasterDataTest.AttributeEquals => Ids(await AllAsync(field.VocabularyType), e => e.Attribute(c.Attribute!) is { } a && c.Values.Any(a.ValueEquals)),
                MasterDataTest.HasAttribute => Ids(await AllAsync(field.VocabularyType), e => e.Attributes.Any(a => a.HasValue && c.Values.Contains(a.Id))),
                _ => throw new ArgumentOutOfRangeException(nameof(conditions), c.Test, "Unknown master-data test."),
            };
            if (allowed.TryGetValue(field.Name, out var before))
            {
                set.IntersectWith(before);
            }

            allowed[field.Name] = set;
        }

        return new MasterDataFilter(allowed);

        async Task<List<VocabularyElement>> AllAsync(string type)
        {
            if (!byType.TryGetValue(type, out var list))
            {
                list = [];
                await foreach (var e in lookup.AllAsync(type))
                {
                    list.Add(e);
                }

                byType[type] = list;
            }

            return list;
        }
    }

    /// <summary>The ids themselves and every element reachable through children, each read once (cycles end).</summary>
    private static async Task<HashSet<string>> DescendantsAsync(string type, IReadOnlyList<string> roots, IVocabularyLookup lookup)
    {
        var seen = new HashSet<string>(roots, StringComparer.Ordinal);
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var id))
        {
            if (await lookup.GetAsync(type, id) is not { } element)
            {
                continue;
            }

            foreach (var child in element.Children)
            {
                if (seen.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return seen;
    }

    private static HashSet<string> Ids(IEnumerable<VocabularyElement> elements, Func<VocabularyElement, bool> keep)
        => elements.Where(keep).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
}
