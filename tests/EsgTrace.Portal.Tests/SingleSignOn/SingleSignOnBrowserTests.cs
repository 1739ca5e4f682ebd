using System.Text.Json;
using EsgTrace.Portal.Auth;
using EsgTrace.Testing.Oidc;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.SingleSignOn;

/// <summary>A real browser signs in to the portal at a real OpenID Connect provider, through the provider's own form.</summary>
[Collection(SingleSignOnCollection.Name)]
public sealed class SingleSignOnBrowserTests(SingleSignOnFixture sso, BrowserFixture browser)
{
    [Fact]
    public async Task SignInWithTheProvider_AsMarketing_LandsSignedInWithTheMarketingNavigation()
    {
        var page = await browser.NewPageAsync(sso.Host.BaseAddress);

        await SignInAtProviderAsync(page, SingleSignOnFixture.Marketing, "/account/login");
        await page.GetByTestId("role").WaitForAsync();
        await AxeCheck.AssertAccessibleAsync(page);

        Assert.StartsWith(sso.Host.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
        var nav = page.GetByTestId("main-nav");
        await nav.GetByText("Claims").WaitForAsync();
        Assert.Equal(["Home", "Scorecard", "Claims"], (await nav.Locator("a").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());
        Assert.Equal("marketing", (await page.GetByTestId("role").InnerTextAsync()).Trim());
        var me = await MeAsync(page);
        Assert.Equal(200, me.Status);
        Assert.Equal("marketing", me.Body.GetProperty("role").GetString());
        Assert.Equal("cookie", me.Body.GetProperty("authenticatedBy").GetString());
        Assert.Equal("oidc:" + SingleSignOnFixture.Marketing.Subject, me.Body.GetProperty("name").GetString());
        Assert.Equal("Mara Marketing", me.Body.GetProperty("displayName").GetString());
        var audit = await sso.AuditOfAsync("oidc:" + SingleSignOnFixture.Marketing.Subject);
        Assert.Contains(audit, r => r.Action == "sso.signed-in" && r.Detail.Contains("as marketing", StringComparison.Ordinal));
        var ticket = sso.ReadSignInCookie((await page.Context.CookiesAsync([sso.Host.BaseAddress.ToString()])).Single(c => c.Name == "esgtrace.auth").Value);
        Assert.True(ticket.Principal.IsSingleSignOn());
        Assert.False(ticket.Properties.AllowRefresh);
        Assert.InRange(ticket.Properties.ExpiresUtc!.Value, DateTimeOffset.UtcNow.AddHours(7.9), DateTimeOffset.UtcNow.AddHours(8));
        await BrowserFixture.CaptureAsync(page, "sso-signed-in");
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task SignInWithTheProvider_FromAProtectedPage_ComesBackToIt()
    {
        var page = await browser.NewPageAsync(sso.Host.BaseAddress);
        await page.GotoAsync("/claims");
        Assert.Contains("ReturnUrl=%2Fclaims", page.Url, StringComparison.Ordinal);

        await SignInAtProviderAsync(page, SingleSignOnFixture.Marketing, startAt: null);

        await page.WaitForURLAsync(new Uri(sso.Host.BaseAddress, "/claims").ToString());
        await page.GetByRole(AriaRole.Heading, new() { Name = "Claims", Exact = true }).WaitForAsync();
        await AxeCheck.AssertAccessibleAsync(page);
        Assert.Equal("marketing", (await MeAsync(page)).Body.GetProperty("role").GetString());
        await BrowserFixture.CloseAsync(page);
    }

    public static TheoryData<string, string> RefusedUsers => new()
    {
        { SingleSignOnFixture.NoRole.Username, "has no EsgTrace role" },
        { SingleSignOnFixture.TwoRoles.Username, "has more than one EsgTrace role" },
    };

    [Theory]
    [MemberData(nameof(RefusedUsers))]
    public async Task SignInWithTheProvider_WithoutExactlyOneRole_IsRefusedWithAReadableMessage_AndNotSignedIn(string username, string expected)
    {
        var user = new[] { SingleSignOnFixture.NoRole, SingleSignOnFixture.TwoRoles }.Single(u => u.Username == username);
        var page = await browser.NewPageAsync(sso.Host.BaseAddress);

        await SignInAtProviderAsync(page, user, "/account/login");
        var error = page.GetByTestId("sso-error");
        await error.WaitForAsync();
        await AxeCheck.AssertAccessibleAsync(page);

        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        Assert.Contains(expected, await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("you were not signed in", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync([sso.Host.BaseAddress.ToString()]), c => c.Name == "esgtrace.auth");
        Assert.Equal(401, (await MeAsync(page)).Status);
        var audit = await sso.AuditOfAsync("oidc:" + user.Subject);
        Assert.Contains(audit, r => r.Action == "sso.refused");
        Assert.DoesNotContain(audit, r => r.Action == "sso.signed-in");
        await BrowserFixture.CaptureAsync(page, "sso-refused-" + username);
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task SignInWithTheProvider_WithAMappedProviderRole_GetsTheMappedRole()
    {
        var page = await browser.NewPageAsync(sso.Host.BaseAddress);

        await SignInAtProviderAsync(page, SingleSignOnFixture.MappedSupply, "/account/login");
        await page.GetByTestId("role").WaitForAsync();
        await AxeCheck.AssertAccessibleAsync(page);

        Assert.Equal("supply-chain", (await page.GetByTestId("role").InnerTextAsync()).Trim());
        var nav = page.GetByTestId("main-nav");
        await nav.GetByText("Supply chain").WaitForAsync();
        Assert.Equal(["Home", "Supply chain", "EPCIS deliveries", "PACT exchange"], (await nav.Locator("a").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());
        Assert.Equal("supply-chain", (await MeAsync(page)).Body.GetProperty("role").GetString());
        await BrowserFixture.CloseAsync(page);
    }

    /// <summary>
    /// From <paramref name="startAt"/> (or the sign-in page the browser is on), clicks "Sign in with …", signs in on the
    /// provider's own form and waits until the browser is back on the portal.
    /// </summary>
    private async Task SignInAtProviderAsync(IPage page, TestOidcUser user, string? startAt)
    {
        if (startAt is not null)
        {
            await BrowserFixture.OpenAsync(page, startAt);
        }
        else
        {
            await AxeCheck.AssertAccessibleAsync(page);
        }

        var button = page.GetByTestId("sso-sign-in");
        Assert.Equal("Sign in with " + SingleSignOnFixture.ProviderName, (await button.InnerTextAsync()).Trim());
        await button.ClickAsync();
        await page.WaitForURLAsync(sso.Provider.Issuer + "login**");
        await AxeCheck.AssertAccessibleAsync(page);
        await page.GetByLabel("Username").FillAsync(user.Username);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(sso.Host.BaseAddress.ToString(), StringComparison.Ordinal) && !url.Contains("/account/sso/complete", StringComparison.Ordinal));
        // Neither is a page to check: /account/sso redirects to the provider, and the landing page moves on by itself
        // before a check could run (it is a heading and a link).
        AxeCheck.PassedThrough(page, "/account/sso");
        AxeCheck.PassedThrough(page, "/account/sso/complete");
    }

    private static async Task<(int Status, JsonElement Body)> MeAsync(IPage page)
    {
        var response = await page.Context.APIRequest.GetAsync("/api/me");
        var text = await response.TextAsync();
        return (response.Status, response.Ok ? JsonDocument.Parse(text).RootElement : default);
    }
}
