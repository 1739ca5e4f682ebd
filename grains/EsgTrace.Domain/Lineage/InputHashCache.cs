namespace EsgTrace.Lineage;

/// <summary>
/// Content hashes of inputs by kind and versioned id ("lot", "F-1@v3"). A record's version changes with its content, so a
/// hash computed once holds until the next version: figures kept current rehash only what changed.
/// </summary>
public sealed class InputHashCache
{
    private readonly Dictionary<(string Kind, string Id), string> _hashes = [];

    public string Hash<T>(string kind, string versionedId, T content)
    {
        if (!_hashes.TryGetValue((kind, versionedId), out var sha))
        {
            _hashes[(kind, versionedId)] = sha = LineageBuilder.HashOf(content);
        }

        return sha;
    }
}
