using EsgTrace.Claims;

namespace EsgTrace.Portal.Api;

/// <summary>
/// What anyone may see of a published claim: its statement, its current standing (<see cref="Current"/>, the same
/// sentences as the public page), what it is about, and the figures and proof it was published with.
/// </summary>
public sealed record PublicClaim(
    string Id,
    string Statement,
    ClaimStatus Status,
    ClaimStatusView Current,
    string ProductId,
    string? ProductName,
    NodaTime.LocalDate ValidUntil,
    ClaimFigures? PublishedFigures,
    string? LineageRootSha256,
    string? ProofSha256)
{
    public static PublicClaim Of(ClaimView v)
        => new(v.Id, v.Draft.Wording, v.Status, v.Current, v.Draft.ProductId, v.ProductName, v.Draft.ValidUntil, v.PublishedFigures, v.PublishedFigures?.LineageRootSha256, v.ProofSha256);
}
