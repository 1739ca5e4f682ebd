namespace EsgTrace.Footprints;

/// <summary>
/// Terms already computed, by the material source object they came from (sources are reused while their lot and dataset
/// are unchanged), the amount, the sub-product path and the transport mode. A hit is the same term, formula text included.
/// Figures kept current pass one memo to every calculation: only the terms of changed lots are formatted again. Entries the
/// latest calculation did not use are swept now and then, so the memo holds about one calculation's terms.
/// </summary>
public sealed class TermMemo
{
    private readonly Dictionary<TermKey, (FootprintContribution Term, int Round)> _terms = new(TermKey.Comparer);
    private int _round;
    private int _used;

    internal FootprintContribution Get(MaterialSource source, decimal amount, string path, ModeIntensity? mode, Func<FootprintContribution> make)
    {
        var key = new TermKey(source, amount, path, mode);
        if (!_terms.TryGetValue(key, out var entry))
        {
            entry = (make(), _round);
        }

        _terms[key] = (entry.Term, _round);
        _used++;
        return entry.Term;
    }

    /// <summary>Starts a calculation; sweeps what earlier ones left once the memo holds twice what the last one used.</summary>
    public void Next()
    {
        if (_terms.Count > 2 * Math.Max(_used, 64))
        {
            foreach (var (key, entry) in _terms)
            {
                if (entry.Round != _round)
                {
                    _terms.Remove(key);
                }
            }
        }

        _round++;
        _used = 0;
    }

    private readonly record struct TermKey(MaterialSource Source, decimal Amount, string Path, ModeIntensity? Mode)
    {
        public static readonly IEqualityComparer<TermKey> Comparer = new KeyComparer();

        private sealed class KeyComparer : IEqualityComparer<TermKey>
        {
            public bool Equals(TermKey x, TermKey y)
                => ReferenceEquals(x.Source, y.Source) && x.Amount == y.Amount && ReferenceEquals(x.Mode, y.Mode) && string.Equals(x.Path, y.Path, StringComparison.Ordinal);

            public int GetHashCode(TermKey key)
                => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Source), key.Amount, key.Mode is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Mode), key.Path.Length);
        }
    }
}
