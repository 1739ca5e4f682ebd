using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>What the capture job endpoint reports (EPCIS 2.0 CaptureJob), plus the counts and what the domain made of the events.</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-capture-job")]
public sealed record CaptureJob(
    string CaptureId,
    Instant CreatedAt,
    Instant? FinishedAt,
    bool Running,
    bool Success,
    string CaptureErrorBehaviour,
    IReadOnlyList<EpcisProblem> Errors,
    int EventCount,
    int Stored,
    int Duplicates,
    int ErrorDeclarations,
    IReadOnlyList<FeedOutcome> Feed);

/// <summary>What one event did to the supply chain: fed a shipment, a batch or a certificate link, retracted one, or why not.</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-feed-outcome")]
public sealed record FeedOutcome(string EventId, string Result, string? Subject, string Detail);

/// <summary>A capture job's state: the staged document and how far the job got.</summary>
public sealed class CaptureJobState
{
    public string? Blob { get; set; }

    public string Behaviour { get; set; } = "rollback";

    public string Actor { get; set; } = string.Empty;

    public Instant CreatedAt { get; set; }

    public Instant? RecordTime { get; set; }

    public Instant? FinishedAt { get; set; }

    public bool Running { get; set; }

    /// <summary>Runs started, for this capture (a resumed one counts again); past <c>CaptureAttempts.Max</c> it ends failed.</summary>
    public int Attempts { get; set; }

    public bool Success { get; set; } = true;

    public int EventCount { get; set; }

    public int Stored { get; set; }

    public int Duplicates { get; set; }

    public int ErrorDeclarations { get; set; }

    public List<EpcisProblem> Errors { get; set; } = [];

    public List<FeedOutcome> Feed { get; set; } = [];
}
