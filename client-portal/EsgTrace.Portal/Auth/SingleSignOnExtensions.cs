using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace EsgTrace.Portal.Auth;

/// <summary>
/// Registers OpenID Connect sign-in (authorization code + PKCE, response in the query, our cookie as the sign-in scheme)
/// when <c>Auth:Oidc:Authority</c> is set, and its two endpoints; without it nothing is registered and nothing changes.
/// </summary>
public static class SingleSignOnExtensions
{
    public const string CallbackPath = "/signin-oidc";

    public static IServiceCollection AddEsgTraceSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SingleSignOnOptions.Section);
        services.AddOptions<SingleSignOnOptions>().Bind(section);
        var settings = section.Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!settings.IsConfigured)
        {
            return services;
        }

        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("Single sign-on is misconfigured: " + string.Join(" ", problems));
        }

        services.AddScoped<SingleSignOnEvents>();
        services.AddAuthentication().AddOpenIdConnect(SingleSignOnOptions.Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.SaveTokens = false;
            o.SignInScheme = AuthSchemes.Cookie;
            o.CallbackPath = CallbackPath;
            o.GetClaimsFromUserInfoEndpoint = false;
            // Claims keep the names the provider gave them ("sub", "roles"), so RoleClaim means what the provider documents.
            o.MapInboundClaims = false;
            o.DisableTelemetry = true;
            o.Scope.Clear();
            foreach (var scope in settings.ScopeList)
            {
                o.Scope.Add(scope);
            }

            // The code comes back on a top-level GET (response_mode=query), on which SameSite=Lax cookies travel
            // cross-site; form_post would need SameSite=None, which browsers accept only on Secure cookies (not on plain
            // http test set-ups). Secure whenever the portal is served over https.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }

            o.EventsType = typeof(SingleSignOnEvents);
        });
        return services;
    }

    /// <summary>GET /account/sso starts a sign-in at the provider; GET /account/sso/complete is where it lands afterwards.</summary>
    public static IEndpointRouteBuilder MapEsgTraceSingleSignOn(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<SingleSignOnOptions>>().Value.IsConfigured)
        {
            return app;
        }

        app.MapGet("/account/sso", SingleSignOnEndpoints.Challenge).AllowAnonymous().WithName("SingleSignOn").ExcludeFromDescription();
        app.MapGet("/account/sso/complete", SingleSignOnEndpoints.Complete).AllowAnonymous().WithName("SingleSignOnComplete").ExcludeFromDescription();
        return app;
    }
}
