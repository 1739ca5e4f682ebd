using System.Security.Claims;
using EsgTrace.Accounts;

namespace EsgTrace.Portal.Auth;

/// <summary>Builds the signed-in principal: name, display name and one role claim.</summary>
public static class PrincipalFactory
{
    public const string DisplayNameClaim = "esg:display-name";
    public const string ApiKeyIdClaim = "esg:api-key-id";

    /// <summary>The account's security stamp when the session began; a session whose stamp is no longer current ends.</summary>
    public const string SecurityStampClaim = "esg:security-stamp";

    /// <summary>Which of the account's open sessions this is; signing out closes it for good.</summary>
    public const string SessionIdClaim = "esg:session-id";

    /// <summary>When the session began (Unix seconds), for the absolute session lifetime; added at every cookie sign-in.</summary>
    public const string SessionStartedClaim = "esg:session-started";

    /// <summary>The one supplier a <c>supplier</c> principal acts for (its account's or API key's binding); absent for every other role.</summary>
    public const string SupplierIdClaim = "esg:supplier-id";

    /// <summary>A session for a local account: its profile and the stamp the session must keep matching.</summary>
    public static ClaimsPrincipal ForSession(SignedInAccount account, string scheme)
        => ForPerson(account.Profile.Username, account.Profile.DisplayName, account.Profile.Role, scheme,
            [new Claim(SecurityStampClaim, account.SecurityStamp), new Claim(SessionIdClaim, account.SessionId), .. SupplierClaims(account.Profile.Role, account.Profile.SupplierId)]);

    // Only a supplier principal carries a supplier id, and only the one its account or key was bound to.
    private static Claim[] SupplierClaims(Role role, string? supplierId)
        => role == Role.Supplier && supplierId is not null ? [new Claim(SupplierIdClaim, supplierId)] : [];

    /// <summary>Who acts and as which one role, plus whatever else the way they signed in adds (stamp, key id, sign-on method).</summary>
    public static ClaimsPrincipal ForPerson(string name, string displayName, Role role, string scheme, params Claim[] more)
        => new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, name),
                new Claim(DisplayNameClaim, displayName),
                new Claim(ClaimTypes.Role, role.Name()),
                .. more,
            ],
            scheme,
            ClaimTypes.Name,
            ClaimTypes.Role));

    public static ClaimsPrincipal ForApiKey(EsgTrace.ApiKeys.ApiKeySummary key, string scheme)
        => ForPerson("apikey:" + key.KeyId, key.Name, key.Role, scheme, [new Claim(ApiKeyIdClaim, key.KeyId), .. SupplierClaims(key.Role, key.SupplierId)]);

    /// <summary>The supplier a supplier principal is bound to (null for every other principal).</summary>
    public static string? SupplierId(this ClaimsPrincipal principal)
        => principal.IsInRole(EsgTrace.Domain.Roles.Supplier) ? principal.FindFirstValue(SupplierIdClaim) : null;

    /// <summary>Who acted, as the audit trail records it.</summary>
    public static string Actor(this ClaimsPrincipal principal) => principal.Identity?.Name ?? "anonymous";

    public static string DisplayName(this ClaimsPrincipal principal) => principal.FindFirstValue(DisplayNameClaim) ?? principal.Actor();

    public static string? RoleName(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Role);

    /// <summary>True for a person signed in with a local account (not an API key, a PACT token or single sign-on).</summary>
    public static bool IsLocalAccount(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == SecurityStampClaim);
}
