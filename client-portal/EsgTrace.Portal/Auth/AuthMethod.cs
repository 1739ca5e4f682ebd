using System.Security.Claims;

namespace EsgTrace.Portal.Auth;

/// <summary>How a cookie principal signed in: a claim that only single sign-on sets (local accounts carry none).</summary>
public static class AuthMethod
{
    public const string ClaimType = "esg:auth-method";

    /// <summary>Signed in at the OpenID Connect provider: there is no local account (nor security stamp) behind the principal.</summary>
    public const string SingleSignOn = "oidc";

    public static bool IsSingleSignOn(this ClaimsPrincipal principal) => principal.HasClaim(ClaimType, SingleSignOn);
}
