namespace EsgTrace.Footprints;

/// <summary>
/// Terms already computed, by everything a term is made of (so a hit is the same term, formula text included). Figures
/// kept current pass one memo to every calculation: only the terms of changed lots are formatted again. Entries not used by
/// the latest calculation are dropped at the next one, so the memo holds one calculation's terms at most.
/// </summary>
public sealed class TermMemo
{
    private Dictionary<object, FootprintContribution> _current = [];
    private Dictionary<object, FootprintContribution> _previous = [];

    public FootprintContribution Get(object key, Func<FootprintContribution> make)
    {
        if (_current.TryGetValue(key, out var term))
        {
            return term;
        }

        if (!_previous.Remove(key, out term))
        {
            term = make();
        }

        _current[key] = term;
        return term;
    }

    /// <summary>Starts a calculation: what the last one did not use is forgotten.</summary>
    public void Next()
    {
        _previous = _current;
        _current = new Dictionary<object, FootprintContribution>(_previous.Count);
    }
}
