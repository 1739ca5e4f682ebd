using System.Security.Claims;
using EsgTrace.Accounts;

namespace EsgTrace.Portal.Auth;

/// <summary>Builds the signed-in principal: name, display name and one role claim.</summary>
public static class PrincipalFactory
{
    public const string DisplayNameClaim = "esg:display-name";
    public const string ApiKeyIdClaim = "esg:api-key-id";

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
}
