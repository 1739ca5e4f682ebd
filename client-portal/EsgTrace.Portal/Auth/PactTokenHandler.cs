using System.Text.Encodings.Web;
using System.Text.Json;
using EsgTrace.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace EsgTrace.Portal.Auth;

/// <summary>
/// PACT bearer tokens (OAuth2 client credentials, RFC 6749 §4.4): an API key's id and secret are the client id and
/// secret; the access token is the key id protected by the portal's data-protection keys for one hour. Every request
/// re-checks the key, so revoking the API key revokes its tokens at once.
/// </summary>
public sealed class PactTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains, IDataProtectionProvider protection)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static bool HasBearer(HttpRequest request) => request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static ITimeLimitedDataProtector Protector(IDataProtectionProvider provider) => provider.CreateProtector("esgtrace.pact-token.v1").ToTimeLimitedDataProtector();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        string keyId;
        try
        {
            keyId = Protector(protection).Unprotect(Request.Headers.Authorization.ToString()[7..].Trim());
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return AuthenticateResult.Fail("Invalid token provided");
        }

        var key = await grains.GetGrain<IApiKeyGrain>(keyId).Get();
        return key is null || key.Revoked
            ? AuthenticateResult.Fail("Invalid token provided")
            : AuthenticateResult.Success(new AuthenticationTicket(PrincipalFactory.ForApiKey(key, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        => WriteAsync(StatusCodes.Status401Unauthorized, "BadRequest", HasBearer(Request) ? "Invalid token provided" : "Send an access token from POST /auth/token as 'Authorization: Bearer <token>'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => WriteAsync(StatusCodes.Status403Forbidden, "AccessDenied", "This client's role may not read footprints.");

    /// <summary>PACT's error body: {"code", "message"}.</summary>
    public static Task WriteErrorAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new { code, message }));
    }

    private Task WriteAsync(int status, string code, string message) => WriteErrorAsync(Response, status, code, message);
}
