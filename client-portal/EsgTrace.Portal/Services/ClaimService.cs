using EsgTrace.Accounts;
using EsgTrace.Claims;
using EsgTrace.Domain;
using EsgTrace.Portal.Auth;
using EsgTrace.SupplyChain;

namespace EsgTrace.Portal.Services;

/// <summary>
/// The portal's and API's door to the claim grains. Every read of a live (published or at-risk) claim re-checks it, so
/// the list, the claim API and the public page all show the same current <see cref="ClaimView.Current"/>.
/// </summary>
public sealed class ClaimService(IGrainFactory grains, PublicAddress address)
{
    public const string Index = "claims";

    public Task<Outcome<ClaimView>> DraftAsync(string id, ClaimDraft draft, string actor) => WithId(id, g => g.Draft(draft, actor));

    /// <summary>Checks the claim against current data. A check that fails is recorded too: read it from <see cref="ClaimStatusView.Tone"/>.</summary>
    public Task<Outcome<ClaimView>> VerifyAsync(string id, string actor) => WithId(id, g => g.Verify(actor));

    /// <summary>
    /// Approval by a role that may approve a claim of its type (<see cref="ItClaims.Approvers"/>: a claim about IT only by the
    /// CIO, role it); the grain refuses the claim's owner.
    /// </summary>
    public async Task<Outcome<ClaimView>> ApproveAsync(string id, System.Security.Claims.ClaimsPrincipal user)
    {
        if (await RecordedAsync(id) is { } claim && ItClaims.Approvers(claim.Draft.Type) is var roles && !roles.Any(user.IsInRole))
        {
            return new DomainProblem(ProblemKind.Forbidden, "Not your claim to approve.", ItClaims.IsIt(claim.Draft.Type)
                ? $"Claim '{id}' is about IT: the CIO (role it) approves it."
                : $"Claim '{id}' is approved by {string.Join(" or ", roles)}.");
        }

        return await WithId(id, g => g.Approve(user.Actor()));
    }

    /// <summary>Workloads an IT claim can be about (id, name, functional unit), for the drafting form.</summary>
    public async Task<IReadOnlyList<EsgTrace.GreenIt.WorkloadView>> WorkloadsAsync()
        => (await grains.GetGrain<ISupplyChainDirectoryGrain>(0).List<EsgTrace.GreenIt.WorkloadView>(EsgTrace.GreenIt.GreenItIndexes.Workloads, EsgTrace.GreenIt.GreenItIndexes.All, null, 500)).Items;

    /// <summary>Publishes with this portal's public address, so the proof's QR code leads back here.</summary>
    public Task<Outcome<ClaimView>> PublishAsync(string id, string actor) => WithId(id, g => g.Publish(actor, address.BaseUrl));

    public Task<Outcome<ClaimView>> WithdrawAsync(string id, string reason, string actor) => WithId(id, g => g.Withdraw(reason, actor));

    /// <summary>The claim as it stands now (a live claim is re-checked against current data), or null when there is none.</summary>
    public Task<ClaimView?> CurrentAsync(string id) => Validation.IsId(id) ? grains.GetGrain<IClaimGrain>(id).Monitor() : Task.FromResult<ClaimView?>(null);

    /// <summary>The claim as recorded, without a re-check.</summary>
    public Task<ClaimView?> RecordedAsync(string id) => Validation.IsId(id) ? grains.GetGrain<IClaimGrain>(id).Get() : Task.FromResult<ClaimView?>(null);

    /// <summary>What the public may see: a claim that was published (it may since be at risk, expired or withdrawn), re-checked now.</summary>
    public async Task<ClaimView?> PublishedAsync(string id) => await CurrentAsync(id) is { ProofSha256: not null } view ? view : null;

    public Task<byte[]?> ProofAsync(string id) => Validation.IsId(id) ? grains.GetGrain<IClaimGrain>(id).Proof() : Task.FromResult<byte[]?>(null);

    /// <summary>A page of claims in id order; live claims (and entries indexed before views carried their standing) are read from their grain.</summary>
    public async Task<Page<ClaimView>> ListAsync(string? after, int pageSize)
    {
        var page = await grains.GetGrain<ISupplyChainDirectoryGrain>(0).List<ClaimView>(Index, SupplyChainLists.All, after, pageSize);
        var items = new List<ClaimView>(page.Items.Count);
        foreach (var listed in page.Items)
        {
            var live = listed.Status is ClaimStatus.Published or ClaimStatus.AtRisk || listed.Current is null;
            items.Add(live ? await CurrentAsync(listed.Id) ?? listed : listed);
        }

        return new Page<ClaimView>(items, page.NextAfterKey);
    }

    private Task<Outcome<ClaimView>> WithId(string id, Func<IClaimGrain, Task<Outcome<ClaimView>>> step)
        => Validation.IsId(id) ? step(grains.GetGrain<IClaimGrain>(id))
            : Task.FromResult(Outcome<ClaimView>.Fail(DomainProblem.Invalid("id", "A claim id is 1-100 characters: letters, digits, '.', '-', '_' or ':'.")));
}
