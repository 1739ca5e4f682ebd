using System.Net;
using System.Net.Http.Json;
using System.Text;
using EsgTrace.Accounts;
using EsgTrace.Portal.Tests.Browser;
using Xunit;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>
/// Cross-site request forgery against the JSON API: a page on another port of the same host (the same site, so even a
/// SameSite=Strict cookie goes along) makes the signed-in admin's browser post a form to the API. State-changing API
/// calls do not accept the sign-in cookie, so the forged post changes nothing.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CrossSiteRequestTests(PortalFixture portal, BrowserFixture browser)
{
    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data")]
    public async Task AFormOnAnotherPortOfTheSameHost_DoesNotReEnableADisabledUser(string enctype)
    {
        using var admin = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Admin, "csrf test admin"));
        var username = "csrf." + enctype.Split('/')[1].Replace("x-www-form-", string.Empty, StringComparison.Ordinal);
        (await admin.PostAsJsonAsync("/api/admin/users", new { username, displayName = "Victim of CSRF", role = "marketing", password = "long enough password" })).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/users/{username}/disable", null)).EnsureSuccessStatusCode();
        var target = new Uri(portal.Host.BaseAddress, $"/api/admin/users/{username}/enable");
        await using var attacker = await AttackerSite.StartAsync(AttackerSite.AutoSubmittingForm(target, enctype, new Dictionary<string, string> { ["{\"x\":\""] = "\"}" }));
        Assert.NotEqual(portal.Host.BaseAddress.Port, attacker.Address.Port);
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "admin", PortalHost.DemoPassword);

        var forged = await page.RunAndWaitForResponseAsync(() => page.GotoAsync(attacker.Address.ToString()), r => r.Url == target.ToString());

        // The browser did send the forged request, with the admin's cookie (same site), and the API refused it.
        Assert.Contains("esgtrace.auth=", (await forged.Request.AllHeadersAsync()).GetValueOrDefault("cookie") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal((int)HttpStatusCode.Unauthorized, forged.Status);
        Assert.Equal("application/problem+json", (await forged.AllHeadersAsync())["content-type"].Split(';')[0]);
        Assert.True(await IsDisabledAsync(admin, username), $"{username} was re-enabled by a forged cross-site form ({enctype})");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheSameCallWithAnApiKey_StillWorks()
    {
        using var admin = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Admin, "csrf test admin"));
        (await admin.PostAsJsonAsync("/api/admin/users", new { username = "csrf.control", displayName = "Control", role = "marketing", password = "long enough password" })).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/users/csrf.control/disable", null)).EnsureSuccessStatusCode();

        using var enabled = await admin.PostAsync("/api/admin/users/csrf.control/enable", null);

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.False(await IsDisabledAsync(admin, "csrf.control"));
    }

    public static TheoryData<string, Role> JsonEndpointsWithARawBody => new()
    {
        { "/api/lots/F-2026-101/pact-footprint", Role.SupplyChain },
        { "/2/events", Role.Auditor },
    };

    [Theory]
    [MemberData(nameof(JsonEndpointsWithARawBody))]
    public async Task JsonEndpoint_GivenTextPlain_Is415ProblemDetails(string path, Role role)
    {
        using var client = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, role, "content type test"));
        using var before = await client.GetAsync("/api/lots/F-2026-101");
        var json = """{"specversion":"1.0","id":"csrf-1","source":"//evil","type":"org.wbcsd.pathfinder.ProductFootprint.Published.v1","data":{"pfIds":["3fa85f64-5717-4562-b3fc-2c963f66afa6"]}}""";

        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/json", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var after = await client.GetAsync("/api/lots/F-2026-101");
        Assert.Equal(await before.Content.ReadAsStringAsync(), await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TypedJsonEndpoint_GivenAForm_Is415ProblemDetails()
    {
        using var admin = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Admin, "content type test"));

        using var response = await admin.PostAsync("/api/admin/users", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "csrf.form", ["role"] = "admin", ["password"] = "long enough password" }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain((await (await admin.GetAsync("/api/admin/users?pageSize=500")).ReadJsonAsync()).GetProperty("items").EnumerateArray(), u => u.GetProperty("username").GetString() == "csrf.form");
    }

    private static async Task<bool> IsDisabledAsync(HttpClient admin, string username)
        => (await (await admin.GetAsync("/api/admin/users?pageSize=500")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("username").GetString() == username).GetProperty("disabled").GetBoolean();
}
