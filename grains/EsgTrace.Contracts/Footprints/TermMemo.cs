namespace EsgTrace.Footprints;

/// <summary>
/// Terms already computed, by the material source object they came from (sources are reused while their lot and dataset
/// are unchanged), the amount, the sub-product path and the transport mode. A hit is the same term, formula text included.
/// Figures kept current pass one memo to every calculation: only the terms of changed lots are formatted again. Entries the
/// latest calculation did not use are swept now and then, so the memo holds about one calculation's terms.
/// </summary>
public sealed class TermMemo
{
    private readonly Domain.RoundMemo<TermKey, FootprintContribution> _terms = new(TermKey.Comparer);

    internal FootprintContribution Get(MaterialSource source, decimal amount, string path, ModeIntensity? mode, Func<FootprintContribution> make)
    {
        var key = new TermKey(source, amount, path, mode);
        if (!_terms.TryGet(key, out var term))
        {
            term = make();
            _terms.Set(key, term);
        }

        return term;
    }

    /// <summary>Starts a calculation.</summary>
    public void Next() => _terms.Next();

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
