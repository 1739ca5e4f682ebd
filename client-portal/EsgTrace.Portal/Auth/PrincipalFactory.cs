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

    /// <summary>A session for a local account: its profile and the stamp the session must keep matching.</summary>
    public static ClaimsPrincipal ForSession(SignedInAccount account, string scheme)
    {
        var principal = ForUser(account.Profile, scheme);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SecurityStampClaim, account.SecurityStamp));
        identity.AddClaim(new Claim(SessionIdClaim, account.SessionId));
        return principal;
    }

    public static ClaimsPrincipal ForUser(UserProfile user, string scheme)
        => new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, user.Username),
                new Claim(DisplayNameClaim, user.DisplayName),
                new Claim(ClaimTypes.Role, user.Role.Name()),
            ],
            scheme,
            ClaimTypes.Name,
            ClaimTypes.Role));

    public static ClaimsPrincipal ForApiKey(EsgTrace.ApiKeys.ApiKeySummary key, string scheme)
        => new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "apikey:" + key.KeyId),
                new Claim(DisplayNameClaim, key.Name),
                new Claim(ApiKeyIdClaim, key.KeyId),
                new Claim(ClaimTypes.Role, key.Role.Name()),
            ],
            scheme,
            ClaimTypes.Name,
            ClaimTypes.Role));

    /// <summary>Who acted, as the audit trail records it.</summary>
    public static string Actor(this ClaimsPrincipal principal) => principal.Identity?.Name ?? "anonymous";

    public static string DisplayName(this ClaimsPrincipal principal) => principal.FindFirstValue(DisplayNameClaim) ?? principal.Actor();

    public static string? RoleName(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Role);

    /// <summary>True for a person signed in with a local account (not an API key, a PACT token or single sign-on).</summary>
    public static bool IsLocalAccount(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == SecurityStampClaim);
}
