using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EsgTrace.Testing.Oidc;

/// <summary>
/// A real OpenID Connect provider for tests: OpenIddict's server on Kestrel on a free loopback port, with discovery,
/// JWKS, the authorization code flow with PKCE required (S256 only), RSA-signed id_tokens from ephemeral keys, and a
/// sign-in form of its own for the given users. One client is registered: <see cref="ClientId"/> (with
/// <see cref="ClientSecret"/>), redirect URIs added by <see cref="AllowRedirectUri"/>. It keeps no store (OpenIddict's
/// degraded mode: codes are self-contained and encrypted), and it logs every authorization and token request it receives.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "esgtrace-portal";
    public const string ClientSecret = "test provider client secret";

    /// <summary>Not 127.0.0.1, where the portal listens: another host is another site, as a real provider is for the browser.</summary>
    public static readonly IPAddress DefaultAddress = IPAddress.Parse("127.0.0.2");

    private const string LoginScheme = "provider-login";
    private readonly WebApplication _app;
    private readonly IReadOnlyDictionary<string, TestOidcUser> _users;
    private readonly ConcurrentDictionary<string, bool> _redirectUris = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ObservedRequest> _requests = new();

    private TestOidcProvider(WebApplication app, IEnumerable<TestOidcUser> users)
    {
        _app = app;
        _users = users.ToDictionary(u => u.Username, StringComparer.Ordinal);
    }

    /// <summary>The issuer, e.g. http://127.0.0.2:41234/ (what the portal's Auth:Oidc:Authority names).</summary>
    public Uri Issuer { get; private set; } = null!;

    /// <summary>Every request to /connect/authorize and /connect/token so far, oldest first.</summary>
    public IReadOnlyList<ObservedRequest> Requests => [.. _requests];

    public void AllowRedirectUri(Uri redirectUri) => _redirectUris[redirectUri.ToString()] = true;

    public static async Task<TestOidcProvider> StartAsync(IEnumerable<TestOidcUser> users, IPAddress? address = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(address ?? DefaultAddress, 0));
        builder.Logging.ClearProviders();
        TestOidcProvider? provider = null;
        builder.Services.AddAuthentication(LoginScheme).AddCookie(LoginScheme, o =>
        {
            o.LoginPath = "/login";
            o.Cookie.Name = "test-provider.login";
        });
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            o.RegisterClaims("roles");
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            // Degraded mode has no application store: the client and its redirect URIs are checked here instead.
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client_id.");
                }
                else if (context.RedirectUri is null || !provider!._redirectUris.ContainsKey(context.RedirectUri))
                {
                    context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for this client.");
                }

                return ValueTask.CompletedTask;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client_id or wrong client_secret.");
                }

                return ValueTask.CompletedTask;
            }));
        });

        var app = builder.Build();
        provider = new TestOidcProvider(app, users);
        app.Use(provider.ObserveAsync);
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)provider.AuthorizeAsync);
        app.MapPost("/connect/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        app.MapGet("/login", (string? returnUrl) => Results.Content(LoginPage.Render(returnUrl, error: null), "text/html; charset=utf-8"));
        app.MapPost("/login", (Func<HttpContext, Task<IResult>>)provider.SignInAsync);
        await app.StartAsync();
        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = new Uri(listening.TrimEnd('/') + "/");
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ObserveAsync(HttpContext context, RequestDelegate next)
    {
        var endpoint = context.Request.Path.Value switch
        {
            "/connect/authorize" => "authorize",
            "/connect/token" => "token",
            _ => null,
        };
        if (endpoint is null)
        {
            await next(context);
            return;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync())
            {
                parameters[key] = value.ToString();
            }
        }

        await next(context);
        _requests.Enqueue(new ObservedRequest(endpoint, parameters, context.Response.StatusCode));
    }

    // Reached only once OpenIddict has validated the request (client, redirect URI, PKCE challenge present).
    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var login = await context.AuthenticateAsync(LoginScheme);
        if (!login.Succeeded || !_users.TryGetValue(login.Principal!.Identity!.Name!, out var user))
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString }, [LoginScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, "roles");
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.DisplayName).SetClaim(Claims.PreferredUsername, user.Username);
        foreach (var role in user.Roles)
        {
            identity.AddClaim(new Claim("roles", role));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    // Reached only once OpenIddict has validated the code, its client, its redirect URI and the PKCE code_verifier.
    private static async Task<IResult> TokenAsync(HttpContext context)
    {
        var redeemed = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return redeemed.Succeeded
            ? Results.SignIn(redeemed.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
            : Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private async Task<IResult> SignInAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        string? returnUrl = form["returnUrl"];
        if (!_users.TryGetValue(form["username"].ToString(), out var user) || user.Password != form["password"])
        {
            return Results.Content(LoginPage.Render(returnUrl, "Unknown user or wrong password."), "text/html; charset=utf-8", statusCode: StatusCodes.Status200OK);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Username)], LoginScheme));
        await context.SignInAsync(LoginScheme, principal);
        return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/login");
    }
}
