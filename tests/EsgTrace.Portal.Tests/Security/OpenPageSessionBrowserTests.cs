using EsgTrace.Accounts;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>
/// A page already open in a real browser (a Blazor circuit, which sends no cookie after it connects) loses its user
/// once the account is disabled, and the password page works as a user would use it.
/// </summary>
public sealed class OpenPageSessionBrowserTests(OpenPageSessionBrowserTests.Portal portal, BrowserFixture browser)
    : IClassFixture<OpenPageSessionBrowserTests.Portal>, IClassFixture<BrowserFixture>
{
    public sealed class Portal : IDisposable
    {
        // Re-checked every three seconds here (one minute by default), so the test can watch it happen.
        public SecurityPortal Value { get; } = new(new Dictionary<string, string?> { ["Auth:Session:RevalidateMinutes"] = "0.05" });

        public void Dispose() => Value.Dispose();
    }

    [Fact]
    public async Task AnOpenPage_IsSentToSignIn_SoonAfterTheAccountIsDisabled()
    {
        var username = await portal.Value.NewUserAsync("open", Role.SupplyChain);
        var page = await browser.NewPageAsync(portal.Value.Host.BaseAddress);
        await Browser.SignInTests.SignInAsync(page, username, SecurityPortal.Password);
        await BrowserFixture.OpenAsync(page, "/supply-chain/lots");
        var h1 = await page.Locator("h1").AllInnerTextsAsync();
        Assert.True(h1.Contains("Material lots"), string.Join(" | ", h1) + " @ " + page.Url);

        Assert.True((await portal.Value.Accounts.SetDisabledAsync(username, true, "admin")).IsOk);

        await page.WaitForURLAsync("**/account/login**", new() { Timeout = 30_000 });
        await AxeCheck.AssertAccessibleAsync(page);
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task AUser_ChangesTheirPassword_InThePortal()
    {
        var username = await portal.Value.NewUserAsync("self", Role.Marketing);
        var page = await browser.NewPageAsync(portal.Value.Host.BaseAddress);
        await Browser.SignInTests.SignInAsync(page, username, SecurityPortal.Password);

        Assert.Equal("/account/password", await page.GetByTestId("account-link").GetAttributeAsync("href"));
        await BrowserFixture.OpenAsync(page, "/account/password");
        await page.FillAsync("#current", SecurityPortal.Password);
        await page.FillAsync("#new", "Password1234!");
        await page.FillAsync("#confirm", "Password1234!");
        await page.ClickAsync("button[type=submit] >> text=Change password");
        Assert.Contains("commonly used", await page.GetByTestId("password-error").InnerTextAsync(), StringComparison.Ordinal);
        await AxeCheck.AssertAccessibleAsync(page);

        await page.FillAsync("#current", SecurityPortal.Password);
        await page.FillAsync("#new", "amber lanterns by the river");
        await page.FillAsync("#confirm", "amber lanterns by the river");
        await page.ClickAsync("button[type=submit] >> text=Change password");
        await page.WaitForURLAsync("**/account/password?changed=true");
        await page.GetByTestId("password-changed").WaitForAsync();
        await BrowserFixture.CaptureAsync(page, "account-password-changed");
        await AxeCheck.AssertAccessibleAsync(page);
        await BrowserFixture.CloseAsync(page);
    }
}
