using System.Net;
using EsgTrace.Accounts;
using EsgTrace.Portal.Tests.Browser;
using Xunit;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>What responses say about caching and where links point.</summary>
[Collection(PortalCollection.Name)]
public sealed class ResponseHeaderTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task PactNextLink_ComesFromThePublicAddress_NeverFromTheHostHeader()
    {
        using var pact = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor, "link test partner"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/2/footprints?limit=1");
        request.Headers.Host = "evil.example:8443";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await pact.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = Assert.Single(response.Headers.GetValues("Link"));
        Assert.DoesNotContain("evil.example", link, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"<{portal.Host.BaseAddress}2/footprints?limit=1&after=", link, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> ApiResponses => new()
    {
        { "/api/me", true },
        { "/api/claims", true },
        { "/api/admin/users", true },
        { "/health", false },
        { "/api/me", false },
    };

    [Theory]
    [MemberData(nameof(ApiResponses))]
    public async Task ApiResponses_AreNotStored(string path, bool withKey)
    {
        using var client = portal.Host.CreateApiClient(withKey ? await ApiTestSupport.IssueKeyAsync(portal.Host, path.Contains("admin", StringComparison.Ordinal) ? Role.Admin : Role.Marketing, "cache test") : null);

        using var response = await client.GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} ({(int)response.StatusCode}) answered Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task SignedInPages_AreNotStored_WhileFingerprintedAssetsStayCacheable()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "marketing", PortalHost.DemoPassword);

        var claims = await page.GotoAsync("/claims");
        var stylesheet = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href).find(h => h.includes('MudBlazor'))");
        await AxeCheck.WaitUntilSettledAsync(page);

        Assert.Contains("no-store", claims!.Headers["cache-control"], StringComparison.Ordinal);
        using var asset = await portal.Host.CreateApiClient().GetAsync(stylesheet);
        Assert.Equal("max-age=31536000, immutable", asset.Headers.CacheControl?.ToString());
        await BrowserFixture.CloseAsync(page);
    }
}
