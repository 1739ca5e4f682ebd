using EsgTrace.Claims;

namespace EsgTrace.Portal.Api;

/// <summary>
/// A claim in a list: what it says, about what, and its current standing (<see cref="Current"/>). The workflow history
/// (who saw what at each step) is on GET /api/claims/{id}.
/// </summary>
public sealed record ClaimSummary(
    string Id,
    string Wording,
    ClaimScope Scope,
    string ProductId,
    string? ProductName,
    IReadOnlyList<string> Subjects,
    string Owner,
    ClaimStatus Status,
    ClaimStatusView Current,
    string? ProofSha256,
    long Version)
{
    public static ClaimSummary Of(ClaimView v)
        => new(v.Id, v.Draft.Wording, v.Draft.Scope, v.Draft.ProductId, v.ProductName, v.Draft.Subjects ?? [], v.Owner, v.Status, v.Current, v.ProofSha256, v.Version);
}
