using NodaTime;

namespace EsgTrace.Claims;

/// <summary>
/// A claim as marketing drafts it: what it is about, the rule, the wording and how long it may stand. For a product
/// scope <see cref="ProductId"/> is the product; for a batch scope it is the batch's product and <see cref="Subjects"/>
/// holds the batch id; for a portfolio it names the portfolio and <see cref="Subjects"/> lists the product ids. For an IT
/// claim (scope workload) it is the workload id; for a workload group it names the group and <see cref="Subjects"/> lists
/// the workload ids; a reduction names its baseline period (<see cref="BaselineFrom"/> to <see cref="BaselineTo"/>, inclusive).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.claim-draft")]
public sealed record ClaimDraft(
    string ProductId, ClaimType Type, decimal Threshold, string Wording, LocalDate ValidUntil,
    decimal? BaselineKgCo2e = null, string? BaselineDataset = null, string? BaselineCalculator = null,
    ClaimScope Scope = ClaimScope.Product, IReadOnlyList<string>? Subjects = null,
    LocalDate? BaselineFrom = null, LocalDate? BaselineTo = null);

/// <summary>Where a claim stands.</summary>
public enum ClaimStatus
{
    Draft,
    Verified,
    Approved,
    Published,
    AtRisk,
    Expired,
    Withdrawn,
}

/// <summary>One step of the workflow: who, when, and what they saw (the figures and verdict at that moment).</summary>
[GenerateSerializer, Immutable, Alias("esg.claim-step")]
public sealed record ClaimStep(string Step, string Actor, Instant At, string Saw, string? LineageRootSha256);

/// <summary>
/// A claim as read back. <see cref="Current"/> is what its status means now, from its latest check: the only sentences
/// any page or endpoint shows about the claim's standing. <see cref="ProductName"/> names what the claim is about (null
/// for claims stored before names were kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.claim-view")]
public sealed record ClaimView(string Id, ClaimDraft Draft, ClaimStatus Status, ClaimStatusView Current, string? ProductName, ClaimFigures? PublishedFigures, IReadOnlyList<ClaimStep> Steps, string Owner, long Version, string? ProofSha256);

public abstract record ClaimEvent(Instant At, string Actor);

public sealed record ClaimDrafted(ClaimDraft Draft, Instant At, string Actor) : ClaimEvent(At, Actor);

public sealed record ClaimChecked(ClaimEvaluation Evaluation, ClaimFigures Figures, Instant At, string Actor) : ClaimEvent(At, Actor);

public sealed record ClaimApproved(Instant At, string Actor) : ClaimEvent(At, Actor);

/// <summary>Published, with the signed proof PDF's blob name and SHA-256, and the check made at publication (null in events stored before it was kept).</summary>
public sealed record ClaimPublished(ClaimFigures Figures, string ProofBlob, string ProofSha256, Instant At, string Actor, ClaimEvaluation? Evaluation = null) : ClaimEvent(At, Actor);

/// <summary>
/// Monitoring found the published claim no longer holds (at-risk), holds again, or is past its validity (expired); a
/// re-check carries its evaluation and figures (null for expiry, and in events stored before they were kept).
/// </summary>
public sealed record ClaimStatusChanged(ClaimStatus Status, string Reason, Instant At, string Actor, ClaimEvaluation? Evaluation = null, ClaimFigures? Figures = null) : ClaimEvent(At, Actor);

public sealed record ClaimWithdrawn(string Reason, Instant At, string Actor) : ClaimEvent(At, Actor);
