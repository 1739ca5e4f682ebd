using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EsgTrace.Portal.Auth;

/// <summary>Cookie sign-in for people, API keys for machines, role policies for both.</summary>
public static class AuthExtensions
{
    public static IServiceCollection AddEsgTraceAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section)
            .Validate(SessionOptions.IsValid, $"{SessionOptions.Section}: IdleHours, AbsoluteHours and RevalidateMinutes must be positive.")
            .ValidateOnStart();
        var session = configuration.GetSection(SessionOptions.Section).Get<SessionOptions>() ?? new SessionOptions();
        services.AddSingleton<SessionValidator>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidatingStateProvider>();
        services.AddSignInRateLimits();
        services.AddAuthentication(AuthSchemes.Smart)
            .AddPolicyScheme(AuthSchemes.Smart, "Cookie, API key or PACT bearer token", o => o.ForwardDefaultSelector = context
                => ApiKeyAuthenticationHandler.HasKey(context.Request) ? AuthSchemes.ApiKey
                    : PactTokenHandler.HasBearer(context.Request) || context.Request.Path.StartsWithSegments("/2") || context.Request.Path.StartsWithSegments("/3") ? AuthSchemes.PactBearer
                    : ApiWrites.RefuseCookie(context.Request) ? AuthSchemes.ApiKey
                    : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "esgtrace.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(session.IdleHours);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnSigningIn = context =>
                    {
                        context.HttpContext.RequestServices.GetRequiredService<SessionValidator>().MarkStart(context.Principal!);
                        return Task.CompletedTask;
                    },
                    // Every request: a session past its absolute lifetime, or whose account was disabled, changed its
                    // password or role, or signed out everywhere, ends here, and its cookie is removed.
                    OnValidatePrincipal = async context =>
                    {
                        if (!await context.HttpContext.RequestServices.GetRequiredService<SessionValidator>().IsCurrentAsync(context.Principal!))
                        {
                            context.RejectPrincipal();
                            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
                        }
                    },
                    // The API answers with problem details; only pages redirect to the sign-in form.
                    OnRedirectToLogin = context => IsApi(context.Request)
                        ? ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required.", "Sign in, or send an API key in the X-Api-Key header.")
                        : Redirect(context),
                    OnRedirectToAccessDenied = context => IsApi(context.Request)
                        ? ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden.", "Your role may not use this endpoint.")
                        : Redirect(context),
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, PactTokenHandler>(AuthSchemes.PactBearer, null);

        services.AddAuthorization(o =>
        {
            foreach (var (policy, roles) in Policies.Roles)
            {
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }
        });
        services.AddCascadingAuthenticationState();
        services.AddEsgTraceSingleSignOn(configuration);
        return services;
    }

    /// <summary>
    /// Machine-facing paths: they answer 401/403 as problem details instead of redirecting to the sign-in page. The
    /// Orleans dashboard is both: its page (a browser asking for HTML) redirects, its JSON calls answer 401/403.
    /// </summary>
    public static bool IsApi(HttpRequest request)
        => ApiPrefixes.Any(p => request.Path.StartsWithSegments(p))
           || (request.Path.StartsWithSegments("/dashboard") && !AcceptsHtml(request));

    private static readonly string[] ApiPrefixes = ["/api", "/health", "/metrics", "/capture", "/events", "/epcs", "/vocabularies", "/queries", "/2", "/3", "/auth", "/.well-known"];

    private static bool AcceptsHtml(HttpRequest request)
        => request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
