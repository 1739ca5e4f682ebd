using System.Collections;

namespace EsgTrace.Analysis;

/// <summary>
/// A breakdown kept current term by term: its keys in a fixed order (shared by every version), its sums in an array copied
/// per version, so a new version costs one array copy and each read is a dictionary lookup.
/// </summary>
public sealed class OrderedBreakdown<TKey> : IReadOnlyDictionary<TKey, decimal>
    where TKey : notnull
{
    private readonly TKey[] _keys;
    private readonly Dictionary<TKey, int> _index;
    private readonly decimal[] _values;

    public OrderedBreakdown(IReadOnlyDictionary<TKey, decimal> source)
    {
        _keys = source.Keys.ToArray();
        _values = source.Values.ToArray();
        _index = new Dictionary<TKey, int>(_keys.Length);
        for (var i = 0; i < _keys.Length; i++)
        {
            _index[_keys[i]] = i;
        }
    }

    private OrderedBreakdown(TKey[] keys, Dictionary<TKey, int> index, decimal[] values)
    {
        _keys = keys;
        _index = index;
        _values = values;
    }

    public int Count => _keys.Length;

    public IEnumerable<TKey> Keys => _keys;

    public IEnumerable<decimal> Values => _values;

    public decimal this[TKey key] => _values[_index[key]];

    /// <summary>A version with the sums of some keys (all already present) replaced.</summary>
    public OrderedBreakdown<TKey> With(IEnumerable<KeyValuePair<TKey, decimal>> changes)
    {
        var values = (decimal[])_values.Clone();
        foreach (var (key, value) in changes)
        {
            values[_index[key]] = value;
        }

        return new OrderedBreakdown<TKey>(_keys, _index, values);
    }

    public bool ContainsKey(TKey key) => _index.ContainsKey(key);

    public bool TryGetValue(TKey key, out decimal value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _values[i];
            return true;
        }

        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<TKey, decimal>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<TKey, decimal>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
