using System.Globalization;
using System.Security.Claims;
using EsgTrace.Accounts;
using Microsoft.Extensions.Options;
using NodaTime;

namespace EsgTrace.Portal.Auth;

/// <summary>
/// Decides whether a signed-in session may go on: within its absolute lifetime, and, for a local account, still carrying
/// the account's current security stamp with the account active. Asked on every cookie request and, for open pages,
/// every few minutes by <see cref="SessionRevalidatingStateProvider"/>.
/// </summary>
public sealed class SessionValidator(IGrainFactory grains, IClock clock, IOptions<SessionOptions> options)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        if (!long.TryParse(principal.FindFirstValue(PrincipalFactory.SessionStartedClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var started)
            || clock.GetCurrentInstant() - Instant.FromUnixTimeSeconds(started) > Duration.FromHours(options.Value.AbsoluteHours))
        {
            return false;
        }

        if (principal.FindFirstValue(PrincipalFactory.SecurityStampClaim) is { } stamp)
        {
            var username = principal.Identity.Name;
            var session = principal.FindFirstValue(PrincipalFactory.SessionIdClaim) ?? string.Empty;
            return Usernames.Check(username) is null && await grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(username!)).CheckSession(stamp, session) is not null;
        }

        // Sessions without a stamp: single sign-on, where the identity provider owns the account; any other cookie
        // (e.g. one issued before stamps existed) is not a session we can vouch for.
        return principal.IsSingleSignOn();
    }

    /// <summary>Stamps a new session with its start, whatever way it signed in.</summary>
    public void MarkStart(ClaimsPrincipal principal)
    {
        if (principal.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == PrincipalFactory.SessionStartedClaim))
        {
            identity.AddClaim(new Claim(PrincipalFactory.SessionStartedClaim, clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }
    }
}
