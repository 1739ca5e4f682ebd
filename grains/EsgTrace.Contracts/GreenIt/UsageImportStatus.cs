using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>Where an import stands.</summary>
public enum UsageImportPhase
{
    None,
    Rejected,
    Applying,
    Applied,
}

/// <summary>
/// An import as the API reports it: phase, progress (rows applied of all rows) and, when rejected, why. For a billing
/// export, the format, the mapping-rule version it used and the charges no rule mapped (reported, not imported).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.usage-import-status")]
public sealed record UsageImportStatus(
    string Id, UsageImportPhase Phase, long Rows, long AppliedRows, int Workloads, long ErrorCount, IReadOnlyList<UsageRowError> Errors,
    string Actor, Instant? AcceptedAt, Instant? FinishedAt,
    string Format = UsageImportFormats.UsageCsv, int? RulesVersion = null, long UnmappedRows = 0, IReadOnlyList<UnmappedSummary>? Unmapped = null)
{
    /// <summary>Usage rows to apply: lines read less those no rule mapped.</summary>
    public long UsageRows => Rows - UnmappedRows;

    public decimal ProgressPercent => UsageRows <= 0 ? (Phase == UsageImportPhase.Applied ? 100 : 0) : Math.Round(AppliedRows * 100m / UsageRows, 1);
}

/// <summary>Snapshot of an import: the staged file and how far it got.</summary>
public sealed class UsageImportState
{
    public string? Blob { get; set; }

    public UsageImportPhase Phase { get; set; }

    public string Format { get; set; } = UsageImportFormats.UsageCsv;

    public BillingRuleSet? Rules { get; set; }

    public long Rows { get; set; }

    public long AppliedRows { get; set; }

    public int Workloads { get; set; }

    public long ErrorCount { get; set; }

    public List<UsageRowError> Errors { get; set; } = [];

    public List<UnmappedSummary> Unmapped { get; set; } = [];

    public string Actor { get; set; } = string.Empty;

    public Instant? AcceptedAt { get; set; }

    public Instant? FinishedAt { get; set; }
}
