namespace EsgTrace.Epcis.Query;

/// <summary>What the parameter families have read so far; <see cref="EpcisQueryParser"/> checks the combination and builds the <see cref="EpcisQuery"/>.</summary>
public sealed class QueryDraft
{
    public List<EpcisCriterion> Criteria { get; } = [];

    /// <summary>Conditions on master data (WD_, EQATTR_, HASATTR_), resolved by the repository once per query.</summary>
    public List<MasterDataCondition> MasterData { get; } = [];

    public EpcisOrder? Order { get; set; }

    public bool? Descending { get; set; }

    public int? EventCountLimit { get; set; }

    public int? MaxEventCount { get; set; }

    public int PerPage { get; set; } = EpcisQuery.DefaultPerPage;

    public string? NextPageToken { get; set; }
}
