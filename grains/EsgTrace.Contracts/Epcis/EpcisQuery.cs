using System.Text.Json;
using EsgTrace.Epcis.Query;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// An EPCIS SimpleEventQuery: criteria that all hold (each one parameter, its list values alternatives), an optional
/// order (orderBy/orderDirection), the standard's result limits (eventCountLimit: the first N in that order;
/// maxEventCount: more matches than N is a QueryTooLargeException), and the REST binding's paging.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-query")]
public sealed record EpcisQuery(
    IReadOnlyList<EpcisCriterion> Criteria,
    EpcisOrder? Order,
    int? EventCountLimit,
    int? MaxEventCount,
    int PerPage,
    string? NextPageToken)
{
    /// <summary>WD_/EQATTR_/HASATTR_ conditions, resolved against master data by the repository once per query (MasterDataFilter).</summary>
    [Id(100)]
    public IReadOnlyList<MasterDataCondition> MasterData { get; init; } = [];

    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 1000;

    private static readonly IReadOnlyDictionary<string, string> NoContext = new Dictionary<string, string>();

    public static EpcisQuery All(int perPage = DefaultPerPage) => new([], null, null, null, perPage, null);

    /// <summary>This query with one more criterion.</summary>
    public EpcisQuery And(EpcisCriterion criterion) => this with { Criteria = [.. Criteria, criterion] };

    /// <summary>
    /// This query narrowed to the given events (a capture's, for a subscription or a stream): its own EQ_eventID, if any,
    /// gives way to these ids (callers pass only ids it allows), one page holding them all.
    /// </summary>
    public EpcisQuery ForEvents(IReadOnlyList<string> eventIds)
        => this with
        {
            Criteria = [.. Criteria.Where(c => c is not StandardFieldCriterion { Field: StandardField.EventId }), new StandardFieldCriterion(StandardField.EventId, eventIds)],
            PerPage = Math.Max(1, eventIds.Count),
            NextPageToken = null,
        };

    /// <summary>EQ_eventID / eventID values, when the query names events by id (the store reads them directly).</summary>
    public IReadOnlyList<string> EventIds
        => Criteria.OfType<StandardFieldCriterion>().FirstOrDefault(c => c.Field == StandardField.EventId)?.Values ?? [];

    /// <summary>True when the stored event meets every criterion; <paramref name="context"/> holds the prefixes its document declared.</summary>
    public bool Matches(JsonElement e, Instant recordTime, IReadOnlyDictionary<string, string>? context = null)
        => Matches(new EpcisEventView(e, recordTime, context ?? NoContext));

    public bool Matches(EpcisEventView e) => Criteria.All(c => c.Matches(e));

    public static Instant EventTimeOf(JsonElement e)
        => Instant.FromDateTimeOffset(DateTimeOffset.Parse(e.GetProperty("eventTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
}
