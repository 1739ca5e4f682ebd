using System.Text.Encodings.Web;
using EsgTrace.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EsgTrace.Portal.Auth;

/// <summary>Authenticates machine clients by API key ("X-Api-Key: esg_…" or "Authorization: ApiKey esg_…") against its grain.</summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static bool HasKey(HttpRequest request) => ReadKey(request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var text = ReadKey(Request);
        if (text is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyToken.TryParse(text, out var token))
        {
            return AuthenticateResult.Fail("The API key is malformed.");
        }

        var key = await grains.GetGrain<IApiKeyGrain>(token.KeyId).Authenticate(token.Secret);
        return key is null
            ? AuthenticateResult.Fail("The API key is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(PrincipalFactory.ForApiKey(key, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        => ProblemWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required.",
            !HasKey(Request) && ApiWrites.RefuseCookie(Request) ? ApiWrites.CookieRefused : "Send a valid, unrevoked API key in the X-Api-Key header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => ProblemWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden.", "This API key's role may not use this endpoint.");

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(AuthSchemes.ApiKeyHeader, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
