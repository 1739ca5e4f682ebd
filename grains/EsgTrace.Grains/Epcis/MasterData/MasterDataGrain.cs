using EsgTrace.Storage;

namespace EsgTrace.Epcis;

/// <summary>Answers master-data reads from the vocabulary index; stateless, so every silo serves them.</summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class MasterDataGrain(IIndexStore index) : Grain, IMasterDataGrain
{
    /// <summary>Vocabularies whose names pages prefer for an id that several describe (a site is a location before it is a party).</summary>
    private static readonly string[] NamePreference = [VocabularyTypes.BusinessLocation, VocabularyTypes.ReadPoint, VocabularyTypes.SourceDest];

    private MasterDataIndex Index => new(index);

    public Task<IReadOnlyList<string>> Types() => Index.TypesAsync();

    public Task<VocabularyPage> List(string type, int perPage, string? after) => Index.PageAsync(type, Math.Clamp(perPage, 1, 1000), after);

    public Task<VocabularyElement?> Get(string type, string id) => Index.GetAsync(type, VocabularyTypes.Canonical(type, id));

    public async Task<IReadOnlyDictionary<string, string>> Names(IReadOnlyList<string> ids)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var named = (await Index.ByIdAsync(EpcisTerms.Identifier(id))).Where(e => e.Name is not null)
                .OrderBy(e => Array.IndexOf(NamePreference, e.Type) is var i and >= 0 ? i : NamePreference.Length)
                .ThenBy(e => e.Type, StringComparer.Ordinal)
                .FirstOrDefault();
            if (named is not null)
            {
                names[id] = named.Name!;
            }
        }

        return names;
    }
}
