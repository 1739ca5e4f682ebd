using System.Net;
using Xunit;

namespace EsgTrace.Portal.Tests.SingleSignOn;

/// <summary>The sign-in challenge only ever sends the user back to a path on this portal.</summary>
[Collection(SingleSignOnCollection.Name)]
public sealed class ReturnAddressTests(SingleSignOnFixture sso)
{
    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("evil")]
    public async Task Challenge_WithAReturnAddressOffThePortal_Is400_AndGoesNowhere(string returnUrl)
    {
        using var browser = new CookieBrowser();
        var before = sso.Provider.Requests.Count;

        var response = await browser.GetAsync(new Uri(sso.Host.BaseAddress, "/account/sso?returnUrl=" + Uri.EscapeDataString(returnUrl)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("path on this portal", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, sso.Provider.Requests.Count);
    }

    [Fact]
    public async Task LandingPage_WithAReturnAddressOffThePortal_MovesOnToTheHomePage()
    {
        using var browser = new CookieBrowser();

        var page = await (await browser.GetAsync(new Uri(sso.Host.BaseAddress, "/account/sso/complete?returnUrl=https%3A%2F%2Fevil.example%2F"))).Content.ReadAsStringAsync();

        Assert.Contains("content=\"0;url=/\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", page, StringComparison.Ordinal);
    }
}
