using EsgTrace.Domain;

namespace EsgTrace.Claims;

/// <summary>A sustainability claim and its workflow: draft → verified → approved (by a second person) → published → at-risk / expired / withdrawn.</summary>
[Alias("esg.IClaimGrain")]
public interface IClaimGrain : IGrainWithStringKey
{
    [Alias("Draft")]
    Task<Outcome<ClaimView>> Draft(ClaimDraft draft, string actor);

    /// <summary>Checks the claim against the current data; a claim that holds becomes verified.</summary>
    [Alias("Verify")]
    Task<Outcome<ClaimView>> Verify(string actor);

    /// <summary>Approval by someone other than the claim's owner.</summary>
    [Alias("Approve")]
    Task<Outcome<ClaimView>> Approve(string actor);

    /// <summary>
    /// Publishes an approved claim, after checking once more that the data still substantiates it. The proof's QR code
    /// and "verify at" address point to <c>/verify/{id}</c> under <paramref name="publicBaseUrl"/>: the caller knows
    /// where the portal is reached, the grain does not.
    /// </summary>
    [Alias("Publish")]
    Task<Outcome<ClaimView>> Publish(string actor, Uri publicBaseUrl);

    [Alias("Withdraw")]
    Task<Outcome<ClaimView>> Withdraw(string reason, string actor);

    /// <summary>
    /// Re-checks a published claim against current data and its validity date; turns it at-risk or expired when needed.
    /// The view's <see cref="ClaimView.Current"/> describes this re-check.
    /// </summary>
    [Alias("Monitor")]
    Task<ClaimView?> Monitor();

    [Alias("Get")]
    Task<ClaimView?> Get();

    /// <summary>The lineage of an IT claim's current figures (every usage record's emissions hashed, dataset, calculator, root hash).</summary>
    [Alias("ItLineage")]
    Task<Outcome<Lineage.LineageRecord>> ItLineage();

    /// <summary>The signed proof PDF stored at publication, or null before it.</summary>
    [Alias("Proof")]
    Task<byte[]?> Proof();
}
