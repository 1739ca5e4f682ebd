using EsgTrace.EventSourcing;
using NodaTime;

namespace EsgTrace.Claims;

/// <summary>Snapshot of a claim and its workflow history (a claim has a handful of steps, so they stay in the snapshot).</summary>
public sealed class ClaimState : IEventSourcedState
{
    public long Version { get; set; }

    public ClaimDraft? Draft { get; set; }

    public ClaimStatus Status { get; set; }

    public string Owner { get; set; } = string.Empty;

    /// <summary>The latest recorded check: at verification, publication, or a monitoring re-check that changed the status.</summary>
    public ClaimEvaluation? LastEvaluation { get; set; }

    /// <summary>The figures of <see cref="LastEvaluation"/> (null in snapshots written before they were kept).</summary>
    public ClaimFigures? LastFigures { get; set; }

    public Instant? LastCheckedAt { get; set; }

    /// <summary>Why the claim was withdrawn, when it was.</summary>
    public string? WithdrawnReason { get; set; }

    public ClaimFigures? PublishedFigures { get; set; }

    public List<ClaimStep> Steps { get; set; } = [];

    public string? ProofBlob { get; set; }

    public string? ProofSha256 { get; set; }

    public static void Apply(ClaimState s, ClaimEvent e, long version)
    {
        switch (e)
        {
            case ClaimDrafted d:
                s.Draft = d.Draft;
                s.Owner = d.Actor;
                s.Status = ClaimStatus.Draft;
                s.Steps.Add(new ClaimStep("drafted", d.Actor, d.At, d.Draft.Wording, null));
                break;
            case ClaimChecked c:
                s.Checked(c.Evaluation, c.Figures, c.At);
                if (s.Status is ClaimStatus.Draft or ClaimStatus.Verified)
                {
                    s.Status = c.Evaluation.Holds ? ClaimStatus.Verified : ClaimStatus.Draft;
                }

                s.Steps.Add(new ClaimStep(c.Evaluation.Holds ? "verified" : "verification failed", c.Actor, c.At, c.Evaluation.Explanation, c.Figures.LineageRootSha256));
                break;
            case ClaimApproved a:
                s.Status = ClaimStatus.Approved;
                s.Steps.Add(new ClaimStep("approved", a.Actor, a.At, s.LastEvaluation?.Explanation ?? string.Empty, null));
                break;
            case ClaimPublished p:
                if (p.Evaluation is { } atPublication)
                {
                    s.Checked(atPublication, p.Figures, p.At);
                }

                s.Status = ClaimStatus.Published;
                s.PublishedFigures = p.Figures;
                s.ProofBlob = p.ProofBlob;
                s.ProofSha256 = p.ProofSha256;
                s.Steps.Add(new ClaimStep("published", p.Actor, p.At, s.LastEvaluation?.Explanation ?? string.Empty, p.Figures.LineageRootSha256));
                break;
            case ClaimStatusChanged changed:
                if (changed.Evaluation is { } recheck)
                {
                    s.Checked(recheck, changed.Figures, changed.At);
                }

                s.Status = changed.Status;
                s.Steps.Add(new ClaimStep(changed.Status == ClaimStatus.AtRisk ? "at risk" : changed.Status.ToString().ToLowerInvariant(), changed.Actor, changed.At, changed.Reason, changed.Figures?.LineageRootSha256));
                break;
            case ClaimWithdrawn w:
                s.Status = ClaimStatus.Withdrawn;
                s.WithdrawnReason = w.Reason;
                s.Steps.Add(new ClaimStep("withdrawn", w.Actor, w.At, w.Reason, null));
                break;
        }
    }

    private void Checked(ClaimEvaluation evaluation, ClaimFigures? figures, Instant at)
    {
        LastEvaluation = evaluation;
        LastFigures = figures;
        LastCheckedAt = at;
    }
}
