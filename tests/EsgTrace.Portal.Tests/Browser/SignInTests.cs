using EsgTrace.Portal.Services;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>A real browser signs in to the real portal as each demo role and sees that role's navigation.</summary>
[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalFixture portal, BrowserFixture browser)
{
    public static TheoryData<string, string[]> RoleNavigation => new()
    {
        { "supply", ["Home", "Supply chain", "EPCIS deliveries", "PACT exchange"] },
        { "marketing", ["Home", "Scorecard", "Claims"] },
        { "cio", ["Home", "Scorecard", "Claims", "Green IT", "Carbon-aware"] },
        { "auditor", ["Home", "Supply chain", "Scorecard", "Claims", "Green IT", "Carbon-aware", "EPCIS deliveries", "PACT exchange", "Audit trail"] },
        { "admin", ["Home", "EPCIS deliveries", "PACT exchange", "Audit trail", "Users", "API keys", "PACT partners"] },
        { "supplier", ["Home", "Supplier portal"] },
    };

    [Theory]
    [MemberData(nameof(RoleNavigation))]
    public async Task SignIn_AsEachRole_ShowsThatRolesNavigation(string username, string[] expected)
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);

        await SignInAsync(page, username, PortalHost.DemoPassword);

        var nav = page.GetByTestId("main-nav");
        await nav.GetByText(expected[^1]).WaitForAsync();
        var entries = (await nav.Locator("a").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray();
        Assert.Equal(expected, entries);
        var role = DemoUsers.All.Single(u => u.Username == username).Role;
        Assert.Equal(Roles.Name(role), (await page.GetByTestId("role").InnerTextAsync()).Trim());
        await BrowserFixture.CaptureAsync(page, "home-" + username);
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task Unauthenticated_IsSentToSignIn_AndComesBackAfterwards()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);

        await BrowserFixture.OpenAsync(page, "/audit");

        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Faudit", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#username", "auditor");
        await page.FillAsync("#password", PortalHost.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/audit");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail" }).WaitForAsync();
        await AxeCheck.AssertAccessibleAsync(page);
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task WrongPassword_ShowsAReadableError_AndStaysSignedOut()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await BrowserFixture.OpenAsync(page, "/account/login");

        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("button[type=submit]");

        var error = await page.GetByTestId("sign-in-error").InnerTextAsync();
        await AxeCheck.AssertAccessibleAsync(page);
        await BrowserFixture.CaptureAsync(page, "sign-in-error");
        Assert.Contains("username or password is incorrect", error, StringComparison.Ordinal);
        await BrowserFixture.OpenAsync(page, "/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task Marketing_OpeningAnAdminPage_SeesNoAdminContent()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInAsync(page, "marketing", PortalHost.DemoPassword);

        await BrowserFixture.OpenAsync(page, "/admin/api-keys");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" }).WaitForAsync();
        Assert.Contains("/account/denied", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByTestId("api-keys-table").CountAsync());
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task Admin_IssuesAnApiKeyInThePortal_AndSeesItListed()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInAsync(page, "admin", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, "/admin/api-keys");

        await page.GetByLabel("Used by (system name)").FillAsync("Browser-issued key");
        await page.GetByTestId("issue-api-key").ClickAsync();

        var token = await page.GetByTestId("issued-token").Locator("code").InnerTextAsync();
        Assert.StartsWith("esg_", token, StringComparison.Ordinal);
        await page.GetByTestId("api-keys-table").GetByText("Browser-issued key").WaitForAsync();
        await BrowserFixture.CaptureAsync(page, "admin-api-keys");
        using var client = portal.Host.CreateApiClient(token.Trim());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        await BrowserFixture.CloseAsync(page);
    }

    /// <summary>Signs in on the sign-in page and lands on the home page, checking both for accessibility.</summary>
    internal static async Task SignInAsync(IPage page, string username, string password)
    {
        await BrowserFixture.OpenAsync(page, "/account/login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.GetByTestId("role").WaitForAsync();
        await AxeCheck.AssertAccessibleAsync(page);
    }
}
