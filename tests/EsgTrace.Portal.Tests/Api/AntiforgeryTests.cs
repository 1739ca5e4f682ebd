using System.Net;
using Xunit;

namespace EsgTrace.Portal.Tests.Api;

/// <summary>Portal forms posted from elsewhere (no anti-forgery token from our page) are refused and change nothing.</summary>
[Collection(PortalCollection.Name)]
public sealed class AntiforgeryTests(PortalFixture portal)
{
    [Fact]
    public async Task SignInForm_PostedWithoutTheToken_IsRefused()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = portal.Host.BaseAddress };

        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.Username"] = "admin",
            ["Input.Password"] = PortalHost.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".esgtrace", StringComparison.OrdinalIgnoreCase) || v.Contains("auth", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task SignOut_PostedWithoutTheToken_IsRefused()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.Host.BaseAddress };

        using var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
