using System.Net;
using System.Net.Http.Json;
using EsgTrace.Accounts;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>
/// Actions that cannot be undone (withdraw a claim, revoke an API key, disable a user) ask first: Cancel changes
/// nothing, confirming acts. On a portal of their own, so each list's first page holds the row the test works on.
/// </summary>
public sealed class ConfirmationBrowserTests(PortalFixture portal, BrowserFixture browser) : IClassFixture<PortalFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DisableUser_AsksFirst_CancelKeepsTheAccount_ConfirmDisablesIt()
    {
        using var admin = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Admin, "confirmation admin"));
        (await admin.PostAsJsonAsync("/api/admin/users", new { username = "confirm.user", displayName = "Confirm Me", role = "marketing", password = "long enough password" })).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "admin", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, "/admin/users");
        var toggle = page.GetByTestId("toggle-confirm.user");

        await AnswerAsync(page, () => toggle.ClickAsync(), "Disable this user?", "Cancel");
        Assert.False(await IsDisabledAsync(admin, "confirm.user"), "cancelling disabled the user");
        await Assertions.Expect(toggle).ToHaveTextAsync("Disable");

        await AnswerAsync(page, () => toggle.ClickAsync(), "Disable this user?", "Disable");
        await Assertions.Expect(toggle).ToHaveTextAsync("Enable");
        Assert.True(await IsDisabledAsync(admin, "confirm.user"), "confirming did not disable the user");
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task RevokeApiKey_AsksFirst_CancelKeepsTheKeyWorking_ConfirmRevokesIt()
    {
        var token = await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor, "key to confirm");
        using var client = portal.Host.CreateApiClient(token);
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "admin", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, "/admin/api-keys");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "key to confirm" });

        await AnswerAsync(page, () => row.GetByTestId("revoke-api-key").ClickAsync(), "Revoke this API key?", "Cancel");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        await AnswerAsync(page, () => row.GetByTestId("revoke-api-key").ClickAsync(), "Revoke this API key?", "Revoke");
        await Assertions.Expect(row).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task WithdrawClaim_AsksFirst_CancelKeepsTheDraft_ConfirmWithdrawsIt()
    {
        using var marketing = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Marketing, "confirmation marketing"));
        var draft = new { productId = "demo-tee", type = "footprint-at-most", threshold = 1.5m, wording = "Cradle-to-gate footprint of at most 1.5 kg CO2e per T-shirt", validUntil = "2030-12-31" };
        (await marketing.PutAsJsonAsync("/api/claims/confirm-claim", draft)).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "marketing", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, "/claims");
        var withdraw = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "confirm-claim" }).GetByTestId("withdraw-claim");

        await AnswerAsync(page, () => withdraw.ClickAsync(), "Withdraw this claim?", "Cancel");
        Assert.Equal("draft", await StatusAsync(marketing, "confirm-claim"));

        await AnswerAsync(page, () => withdraw.ClickAsync(), "Withdraw this claim?", "Withdraw");
        await Assertions.Expect(page.GetByTestId("status-confirm-claim")).ToHaveTextAsync("Withdrawn");
        Assert.Equal("withdrawn", await StatusAsync(marketing, "confirm-claim"));
        await BrowserFixture.CloseAsync(page);
    }

    // Opens the dialog, checks it is accessible and names the action, and presses one of its buttons.
    private static async Task AnswerAsync(IPage page, Func<Task> open, string title, string button)
    {
        await open();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync(title);
        await AxeCheck.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        if (button == "Cancel")
        {
            // A fresh page, rendered from what the platform now holds: an action wrongly taken on Cancel (it would be
            // on its way through the circuit by now) shows here, and in the API check that follows.
            await page.ReloadAsync();
            await AxeCheck.AssertAccessibleAsync(page);
        }
    }

    private static async Task<bool> IsDisabledAsync(HttpClient admin, string username)
        => (await (await admin.GetAsync("/api/admin/users?pageSize=500")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("username").GetString() == username).GetProperty("disabled").GetBoolean();

    private static async Task<string?> StatusAsync(HttpClient client, string id)
        => (await (await client.GetAsync($"/api/claims/{id}")).ReadJsonAsync()).GetProperty("status").GetString();
}
