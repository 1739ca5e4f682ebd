using System.Security.Claims;
using EsgTrace.Accounts;
using EsgTrace.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using NodaTime;

namespace EsgTrace.Portal.Auth;

/// <summary>
/// Turns a validated id_token into our cookie principal (exactly one EsgTrace role), or refuses the sign-in back on the
/// sign-in page with a readable reason and no cookie. Both outcomes are written to the audit trail.
/// </summary>
public sealed partial class SingleSignOnEvents(IOptions<SingleSignOnOptions> options, IGrainFactory grains, IClock clock, ILogger<SingleSignOnEvents> logger) : OpenIdConnectEvents
{
    public const string SignedInAction = "sso.signed-in";
    public const string RefusedAction = "sso.refused";

    /// <summary>How long a single sign-on session lasts before the provider is asked again (local sessions slide instead).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var settings = options.Value;
        var provider = context.Principal!;
        var subject = provider.FindFirstValue("sub");
        if (string.IsNullOrEmpty(subject))
        {
            context.Fail("The id_token has no sub claim.");
            return;
        }

        var name = SingleSignOnPrincipal.Name(subject);
        var values = provider.FindAll(settings.RoleClaim).Select(c => c.Value).ToList();
        var roles = SingleSignOnRoles.Map(values, settings.RoleMap);
        var displayName = SingleSignOnPrincipal.DisplayName(provider, subject);
        var seen = $"{settings.RoleClaim} [{string.Join(", ", values)}]";
        var issuer = provider.FindFirstValue("iss") ?? settings.Authority;
        if (roles.Count != 1)
        {
            var code = roles.Count == 0 ? SingleSignOnRefusal.NoRole : SingleSignOnRefusal.SeveralRoles;
            await RecordAsync(name, RefusedAction, $"{displayName}: {seen} maps to {(roles.Count == 0 ? "no EsgTrace role" : string.Join(" and ", roles.Select(r => r.Name())))}; not signed in");
            LogRefused(logger, name, seen, roles.Count);
            context.Response.Redirect(SingleSignOnRefusal.LoginPath(code));
            context.HandleResponse();
            return;
        }

        context.Principal = SingleSignOnPrincipal.Create(subject, displayName, roles[0], AuthSchemes.Cookie);
        // A fixed session, not a sliding one: the role (and the user's very existence) is only as fresh as the last
        // visit to the provider, so after SessionLifetime the user signs in there again.
        context.Properties!.AllowRefresh = false;
        context.Properties.ExpiresUtc = clock.GetCurrentInstant().Plus(Duration.FromTimeSpan(SessionLifetime)).ToDateTimeOffset();
        await RecordAsync(name, SignedInAction, $"{displayName} as {roles[0].Name()} ({seen}) from {issuer}");
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        // A provider error, a denied consent, an expired or replayed callback: back to the sign-in page, not a 500.
        LogFailed(logger, context.Failure);
        context.Response.Redirect(SingleSignOnRefusal.LoginPath(SingleSignOnRefusal.Failed));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private Task RecordAsync(string actor, string action, string detail)
        => grains.GetGrain<IDirectoryGrain>(0).RecordAudit(new AuditRecord(clock.GetCurrentInstant(), actor, action, "user:" + actor, detail));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on of {Name} refused: {Seen} maps to {Count} EsgTrace roles, exactly one is needed")]
    private static partial void LogRefused(ILogger logger, string name, string seen, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on did not complete")]
    private static partial void LogFailed(ILogger logger, Exception? failure);
}
