using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>One query parameter as the client sent it (REST binding: a name and its values); parsed only when the query runs.</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-query-parameter")]
public sealed record EpcisQueryParameter(string Name, IReadOnlyList<string> Values);

/// <summary>
/// A named query (REST binding <c>/queries</c>): its name and its parameters as sent. The parameters are kept raw and parsed
/// each time the query runs, so a query keeps working, and gains meaning, as the query language grows.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-named-query")]
public sealed record EpcisNamedQuery(string Name, IReadOnlyList<EpcisQueryParameter> Parameters, Instant CreatedAt, string CreatedBy)
{
    /// <summary>The parameters in the shape the query parser reads.</summary>
    public IEnumerable<KeyValuePair<string, string?[]>> AsQueryString() => Parameters.Select(p => KeyValuePair.Create(p.Name, p.Values.Select(v => (string?)v).ToArray()));
}

/// <summary>A page of named queries in name order; <see cref="NextAfter"/> continues the list, null at its end.</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-named-query-page")]
public sealed record EpcisNamedQueryPage(IReadOnlyList<EpcisNamedQuery> Queries, string? NextAfter);
