namespace EsgTrace.Epcis;

/// <summary>A page of query results: the events' JSON, the prefixes they use, and the token for the next page; or the problem (QueryTooLargeException) that stopped the query.</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-page")]
public sealed record EpcisPage(IReadOnlyList<byte[]> Events, IReadOnlyDictionary<string, string> Context, string? NextPageToken, EpcisProblem? Problem = null)
{
    public static EpcisPage Refused(EpcisProblem problem) => new([], new Dictionary<string, string>(), null, problem);
}
