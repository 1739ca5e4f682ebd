namespace EsgTrace.GreenIt;

/// <summary>Strings a file repeats on every row (workload ids, regions), made once and looked up by span after that.</summary>
public sealed class StringPool
{
    private const int MaxEntries = 100_000;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var made = new string(text);
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(made);
        }

        return made;
    }
}
