namespace EsgTrace.Domain;

/// <summary>
/// A memo for calculations that run again and again over mostly the same inputs: each calculation is a round; an entry used
/// in a round is kept, and entries no round used lately are swept once the memo holds twice what the last round used, so
/// it stays about one calculation's size without being rebuilt every time.
/// </summary>
public sealed class RoundMemo<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, (TValue Value, int Round)> _entries = new(comparer);
    private int _round;
    private int _used;

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            _entries[key] = (entry.Value, _round);
            _used++;
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        _entries[key] = (value, _round);
        _used++;
    }

    /// <summary>Starts a round; sweeps what earlier rounds left once the memo holds twice what the last one used.</summary>
    public void Next()
    {
        if (_entries.Count > 2 * Math.Max(_used, 64))
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.Round != _round)
                {
                    _entries.Remove(key);
                }
            }
        }

        _round++;
        _used = 0;
    }
}
