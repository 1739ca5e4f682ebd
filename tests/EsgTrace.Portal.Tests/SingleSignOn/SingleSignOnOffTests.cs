using System.Net;
using Xunit;

namespace EsgTrace.Portal.Tests.SingleSignOn;

/// <summary>The default portal (no Auth:Oidc) has no single sign-on at all: no button, no endpoints.</summary>
[Collection(PortalCollection.Name)]
public sealed class SingleSignOnOffTests(PortalFixture portal)
{
    [Fact]
    public async Task WithoutAuthOidc_TheSignInPageHasNoSsoButton()
    {
        using var client = portal.Host.CreateApiClient();

        var page = await client.GetStringAsync("/account/login");

        Assert.Contains("id=\"password\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("sso-sign-in", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in with", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/sso")]
    [InlineData("/account/sso?returnUrl=%2F")]
    [InlineData("/account/sso/complete")]
    [InlineData("/signin-oidc?code=x&state=y")]
    public async Task WithoutAuthOidc_TheSingleSignOnEndpointsAre404(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.Host.BaseAddress };

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
