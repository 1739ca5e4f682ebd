using System.Net;
using System.Security.Cryptography;
using System.Text;
using EsgTrace.Testing.Oidc;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace EsgTrace.Portal.Tests.SingleSignOn;

/// <summary>
/// PKCE end to end, watched at the provider: the portal sends an S256 code_challenge and redeems the code with the
/// matching verifier, and the provider refuses the very same code without the verifier (what a stolen code gets).
/// Driven by plain HTTP (one cookie jar, redirects followed by hand) so every hop can be looked at.
/// </summary>
[Collection(SingleSignOnCollection.Name)]
public sealed class PkceTests(SingleSignOnFixture sso)
{
    [Fact]
    public async Task ThePortal_SendsAnS256Challenge_AndRedeemsWithTheVerifier_WhileTheSameCodeWithoutItIsRefused()
    {
        using var browser = new CookieBrowser();
        var before = sso.Provider.Requests.Count;

        var toProvider = await browser.GetAsync(new Uri(sso.Host.BaseAddress, "/account/sso?returnUrl=%2Fclaims"));
        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        var authorize = toProvider.Headers.Location!;
        Assert.StartsWith(new Uri(sso.Provider.Issuer, "connect/authorize").ToString(), authorize.ToString(), StringComparison.Ordinal);
        var toLogin = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var signedIn = await browser.PostFormAsync(new Uri(sso.Provider.Issuer, "login"), new()
        {
            ["username"] = SingleSignOnFixture.Marketing.Username,
            ["password"] = SingleSignOnFixture.Marketing.Password,
            ["returnUrl"] = authorize.PathAndQuery,
        });
        var toPortal = await browser.GetAsync(new Uri(sso.Provider.Issuer, signedIn.Headers.Location!));
        var callback = toPortal.Headers.Location!;
        Assert.StartsWith(sso.RedirectUri.ToString(), callback.ToString(), StringComparison.Ordinal);
        var code = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();
        Assert.NotEmpty(code);

        // The code as an eavesdropper would have it, with the client's secret even: without the verifier it is refused.
        using var attacker = new HttpClient();
        var stolen = await attacker.PostAsync(new Uri(sso.Provider.Issuer, "connect/token"), TokenRequest(code, verifier: null));
        var wrongVerifier = await attacker.PostAsync(new Uri(sso.Provider.Issuer, "connect/token"), TokenRequest(code, verifier: Verifier()));
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Contains("code_verifier", await stolen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);

        // The portal, holding the verifier, redeems the same code and signs the user in.
        var landed = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/account/sso/complete?returnUrl=%2Fclaims", landed.Headers.Location!.OriginalString);
        var me = await browser.GetAsync(new Uri(sso.Host.BaseAddress, "/api/me"));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("marketing", (await me.ReadJsonAsync()).GetProperty("role").GetString());

        var seen = sso.Provider.Requests.Skip(before).ToList();
        var portalAuthorize = seen.First(r => r.Endpoint == "authorize");
        var portalToken = seen.Last(r => r.Endpoint == "token");
        Assert.Equal("S256", portalAuthorize["code_challenge_method"]);
        Assert.Equal(43, portalAuthorize["code_challenge"]!.Length);
        Assert.Equal("code", portalAuthorize["response_type"]);
        Assert.Equal(200, portalToken.Status);
        Assert.Equal(code, portalToken["code"]);
        Assert.Equal(portalAuthorize["code_challenge"], Challenge(portalToken["code_verifier"]!));
        Assert.Equal(2, seen.Count(r => r.Endpoint == "token" && r.Status == 400));
    }

    [Fact]
    public async Task TheProvider_RefusesAnAuthorizationRequestWithoutACodeChallenge()
    {
        using var browser = new CookieBrowser();
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = TestOidcProvider.ClientId,
            ["redirect_uri"] = sso.RedirectUri.ToString(),
            ["response_type"] = "code",
            ["scope"] = "openid profile",
            ["state"] = "state-without-pkce",
        };

        var response = await browser.GetAsync(new Uri(QueryHelpers.AddQueryString(new Uri(sso.Provider.Issuer, "connect/authorize").ToString(), query)));

        // Refused on the provider's own page (it does not send errors to a redirect URI it has not yet vouched for).
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("invalid_request", body, StringComparison.Ordinal);
        Assert.Contains("code_challenge", body, StringComparison.Ordinal);
    }

    private FormUrlEncodedContent TokenRequest(string code, string? verifier)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = sso.RedirectUri.ToString(),
            ["client_id"] = TestOidcProvider.ClientId,
            ["client_secret"] = TestOidcProvider.ClientSecret,
        };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return new FormUrlEncodedContent(form);
    }

    private static string Verifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
