using System.Text.Json;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// An EPCIS query with the standard parameters that matter for traceability; values are normalised as indexed
/// (<see cref="EpcisTerms"/>). Within one parameter the values are alternatives (OR); parameters combine with AND.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-query")]
public sealed record EpcisQuery(
    IReadOnlyList<string> EventTypes,
    Instant? GeEventTime,
    Instant? LtEventTime,
    Instant? GeRecordTime,
    Instant? LtRecordTime,
    IReadOnlyList<string> BizSteps,
    IReadOnlyList<string> Dispositions,
    IReadOnlyList<string> BizLocations,
    IReadOnlyList<string> ReadPoints,
    IReadOnlyList<string> MatchEpc,
    IReadOnlyList<string> MatchAnyEpc,
    IReadOnlyList<string> MatchParentId,
    IReadOnlyList<string> MatchInputEpc,
    IReadOnlyList<string> MatchOutputEpc,
    IReadOnlyList<string> MatchEpcClass,
    IReadOnlyList<string> MatchAnyEpcClass,
    bool? ExistsErrorDeclaration,
    IReadOnlyList<string> EventIds,
    int PerPage,
    string? NextPageToken)
{
    /// <summary>WD_/EQATTR_/HASATTR_ conditions, resolved against master data by the repository once per query (MasterDataFilter).</summary>
    [Id(100)]
    public IReadOnlyList<MasterDataCondition> MasterData { get; init; } = [];

    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 1000;

    public static EpcisQuery All(int perPage = DefaultPerPage) => new([], null, null, null, null, [], [], [], [], [], [], [], [], [], [], [], null, [], perPage, null);

    /// <summary>True when the stored event meets every parameter.</summary>
    public bool Matches(JsonElement e, Instant recordTime)
    {
        var eventTime = EventTimeOf(e);
        return (EventTypes.Count == 0 || EventTypes.Contains(EpcisTerms.Text(e, "type") ?? string.Empty))
            && (GeEventTime is null || eventTime >= GeEventTime)
            && (LtEventTime is null || eventTime < LtEventTime)
            && (GeRecordTime is null || recordTime >= GeRecordTime)
            && (LtRecordTime is null || recordTime < LtRecordTime)
            && (BizSteps.Count == 0 || (EpcisTerms.Text(e, "bizStep") is { } step && BizSteps.Contains(EpcisTerms.BizStepValue(step))))
            && (Dispositions.Count == 0 || (EpcisTerms.Text(e, "disposition") is { } disp && Dispositions.Contains(EpcisTerms.DispositionValue(disp))))
            && (BizLocations.Count == 0 || (EpcisTerms.Location(e, "bizLocation") is { } loc && BizLocations.Contains(loc)))
            && (ReadPoints.Count == 0 || (EpcisTerms.Location(e, "readPoint") is { } rp && ReadPoints.Contains(rp)))
            && Any(MatchEpc, EpcisTerms.Epcs(e, ["epcList", "childEPCs"]))
            && Any(MatchAnyEpc, EpcisTerms.Epcs(e, EpcisTerms.EpcFields))
            && Any(MatchParentId, EpcisTerms.Epcs(e, ["parentID"]))
            && Any(MatchInputEpc, EpcisTerms.Epcs(e, ["inputEPCList"]))
            && Any(MatchOutputEpc, EpcisTerms.Epcs(e, ["outputEPCList"]))
            && Any(MatchEpcClass, EpcisTerms.Classes(e, ["quantityList", "childQuantityList"]))
            && Any(MatchAnyEpcClass, EpcisTerms.Classes(e, EpcisTerms.QuantityFields))
            && (ExistsErrorDeclaration is not { } declared || e.TryGetProperty("errorDeclaration", out _) == declared)
            && (EventIds.Count == 0 || EventIds.Contains(EpcisTerms.Text(e, "eventID") ?? string.Empty));
    }

    public static Instant EventTimeOf(JsonElement e)
        => Instant.FromDateTimeOffset(DateTimeOffset.Parse(e.GetProperty("eventTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

    private static bool Any(IReadOnlyList<string> wanted, IEnumerable<string> values) => wanted.Count == 0 || values.Any(wanted.Contains);
}
