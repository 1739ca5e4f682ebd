using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace EsgTrace.Portal.Auth;

/// <summary>
/// An open page runs over a Blazor circuit that sends no further cookies, so the cookie check alone would let it run on
/// after the account is disabled. This re-checks the circuit's session every <see cref="SessionOptions.RevalidateMinutes"/>;
/// when it has ended the page loses its user and the router sends it to the sign-in page.
/// </summary>
public sealed class SessionRevalidatingStateProvider(ILoggerFactory loggerFactory, SessionValidator sessions, IOptions<SessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(options.Value.RevalidateMinutes);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
        => sessions.IsCurrentAsync(authenticationState.User);
}
