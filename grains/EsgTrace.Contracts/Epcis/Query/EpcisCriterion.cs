namespace EsgTrace.Epcis.Query;

/// <summary>
/// One condition of an EPCIS query, from one parameter (a parameter's list values are alternatives: OR); a query's
/// criteria all hold (AND). Each criterion that an index can answer names its index terms, so the store can scan
/// that index instead of every event.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-criterion")]
public abstract record EpcisCriterion
{
    /// <summary>True when the event meets the condition.</summary>
    public abstract bool Matches(EpcisEventView e);

    /// <summary>The index entries that hold every matching event, or null when no index covers the condition.</summary>
    public virtual EpcisIndexTerms? IndexTerms => null;
}

/// <summary>
/// An index kind (<see cref="EpcisTerms"/>) and the values of it that cover a criterion; a lower <paramref name="Rank"/> is
/// more selective (an EPC before a business step), so the planner prefers it.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-index-terms")]
public sealed record EpcisIndexTerms(string Kind, IReadOnlyList<string> Terms, int Rank);
