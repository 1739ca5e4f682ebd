using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Storage;
using EsgTrace.Time;

namespace EsgTrace.Epcis;

/// <summary>
/// Where master data is listed. Index "vocabularies": partition "t {type}" holds each element's current version keyed by its
/// canonical id (a type's elements in id order, for listing and EQATTR_/HASATTR_ resolution); partition "types" the types;
/// partitions "i{0-f}" (16 buckets of the id's SHA-256) the same version keyed "{id} {type}", so a page finds the names of
/// the ids it shows without knowing their vocabulary. Values are <see cref="VocabularyElement"/> JSON. Ids longer than a
/// key allows are keyed by their SHA-256.
/// </summary>
public sealed class MasterDataIndex(IIndexStore index) : IVocabularyLookup
{
    public const string Name = "vocabularies";
    private const string TypesPartition = "types";

    /// <summary>The event-log stream of one element (hashed: ids are URIs of any length).</summary>
    public static string Stream(string type, string id) => "vocabulary/" + Hash(type + " " + id);

    public static IEnumerable<TableWrite> Writes(IIndexStore index, VocabularyElement e)
    {
        yield return JsonIndex.PutWrite(index, Name, TypePartition(e.Type), Key(e.Id), e);
        yield return index.PutWrite(Name, TypesPartition, Key(e.Type), Encoding.UTF8.GetBytes(e.Type));
        yield return JsonIndex.PutWrite(index, Name, IdPartition(e.Id), Key(e.Id) + " " + Key(e.Type), e);
    }

    public async Task<VocabularyElement?> GetAsync(string type, string id)
        => await index.GetAsync(Name, TypePartition(type), Key(id)) is { } value ? Decode(value) : null;

    public async IAsyncEnumerable<VocabularyElement> AllAsync(string type)
    {
        string? after = null;
        do
        {
            var page = await index.ScanAsync(Name, TypePartition(type), after, null, 500);
            foreach (var entry in page.Entries)
            {
                yield return Decode(entry.Value);
            }

            after = page.NextAfterKey;
        }
        while (after is not null);
    }

    public async Task<VocabularyPage> PageAsync(string type, int perPage, string? after)
    {
        var page = await index.ScanAsync(Name, TypePartition(type), after, null, perPage);
        return new VocabularyPage(type, page.Entries.Select(e => Decode(e.Value)).ToList(), page.NextAfterKey);
    }

    public async Task<IReadOnlyList<string>> TypesAsync()
    {
        var types = new List<string>();
        await foreach (var e in ScanAllAsync(TypesPartition, null, null))
        {
            types.Add(Encoding.UTF8.GetString(e.Value.Span));
        }

        return types;
    }

    /// <summary>Every vocabulary's version of one id.</summary>
    public async Task<List<VocabularyElement>> ByIdAsync(string id)
    {
        var list = new List<VocabularyElement>();
        // Keys "{id} {type}": from "{id} " up to "{id}!" (the character after the space).
        await foreach (var e in ScanAllAsync(IdPartition(id), Key(id) + " ", Key(id) + "!"))
        {
            list.Add(Decode(e.Value));
        }

        return list;
    }

    private async IAsyncEnumerable<IndexEntry> ScanAllAsync(string partition, string? after, string? before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        do
        {
            var page = await index.ScanAsync(Name, partition, after, before, 500, cancellationToken);
            foreach (var e in page.Entries)
            {
                yield return e;
            }

            after = page.NextAfterKey;
        }
        while (after is not null);
    }

    private static VocabularyElement Decode(ReadOnlyMemory<byte> value) => JsonSerializer.Deserialize<VocabularyElement>(value.Span, EsgJson.Options)!;

    private static string TypePartition(string type) => "t " + Key(type);

    private static string IdPartition(string id) => "i" + Hash(id)[..1];

    private static string Key(string value) => value.Length <= 250 ? value : "#" + Hash(value);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
