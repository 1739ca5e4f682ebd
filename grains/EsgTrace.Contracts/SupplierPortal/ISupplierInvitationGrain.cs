using EsgTrace.Accounts;

namespace EsgTrace.SupplierPortal;

/// <summary>
/// One invitation of a supplier's person, keyed by the SHA-256 (hex) of its single-use token: the token itself is shown
/// once to the inviter as a link and never stored, so the store cannot hand out a usable invitation.
/// </summary>
[Alias("esg.ISupplierInvitationGrain")]
public interface ISupplierInvitationGrain : IGrainWithStringKey
{
    /// <summary>Records the invitation (the supplier must be registered); a second call on the same key is a conflict.</summary>
    [Alias("Create")]
    Task<Outcome<SupplierInvitationView>> Create(string supplierId, string actor);

    /// <summary>
    /// Makes the invited person's account (role supplier, bound to the invitation's supplier) with the username and password
    /// they chose, marks the invitation used and signs them in. Refused (nothing changes) when the invitation is unknown,
    /// used, expired, or the username or password is not acceptable.
    /// </summary>
    [Alias("Redeem")]
    Task<Outcome<SignedInAccount>> Redeem(string username, string displayName, string password, string? from);

    [Alias("Get")]
    Task<SupplierInvitationView?> Get();
}
