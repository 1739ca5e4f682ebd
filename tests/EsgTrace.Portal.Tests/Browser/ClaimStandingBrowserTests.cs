using System.Net.Http.Json;
using EsgTrace.Portal.Tests.Claims;
using EsgTrace.Testing;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>What a marketer and a consumer see of a claim that data broke, and of a verification that failed, in a real browser.</summary>
[Collection(PortalCollection.Name)]
public sealed class ClaimStandingBrowserTests(PortalFixture portal, BrowserFixture browser)
{
    // 1.021853056 + 0.2 kg × (0.4 t × 7000 km ÷ 800 kg) × 0.14993 (= 0.104951) = 1.126804056 > 1.1; at publication 1.021853056.
    private const string AtRiskFinding = "Now 1.126804056 kg CO2e per piece, above the claimed 1.1; at publication 1.021853056.";

    [Fact]
    public async Task ClaimsList_ShowsAnAtRiskClaimWithTheBreakingFigure_AndAFailedVerificationAsAnError()
    {
        var (supply, marketingApi, fabric, _, _) = await ClaimWorkflow.PublishAsync(portal.Host, "ui7");
        await ClaimWorkflow.OkAsync(supply.PutAsJsonAsync("/api/shipments/ui7-S9", TestSupplyChain.Shipment(fabric, "road", 7000, "km", "2026-04-03T08:00:00+02:00", "2026-04-05T08:00:00+02:00")));
        await ClaimWorkflow.OkAsync(marketingApi.PutAsJsonAsync("/api/claims/ui7-tight", ClaimWorkflow.Draft("ui7-tee", 0.9m, "Cradle-to-gate footprint of at most 0.9 kg CO2e per T-shirt")));
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "marketing", PortalHost.DemoPassword);

        await BrowserFixture.OpenAsync(page, "/claims");
        await Assertions.Expect(page.GetByTestId("status-ui7-claim")).ToHaveTextAsync("At risk");
        var standing = page.GetByTestId("standing-ui7-claim");
        await Assertions.Expect(standing).ToContainTextAsync("At risk: newer data no longer substantiates this claim.");
        await Assertions.Expect(standing).ToContainTextAsync(AtRiskFinding);
        var row = await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ui7-claim" }).InnerTextAsync();
        Assert.DoesNotContain("at most the claimed", row, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ui7-tight" }).GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        // Checked after the 7,000 km leg: 1.126804056 > 0.9. The message is an error with the reason, never a green success.
        var message = page.Locator(".mud-snackbar").Filter(new() { HasText = "ui7-tight" });
        await Assertions.Expect(message).ToContainTextAsync("Verification failed: the data does not substantiate this claim. 1.126804056 kg CO2e per piece, above the claimed 0.9.");
        await Assertions.Expect(message).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-alert-[a-z]+-error"));
        await Assertions.Expect(page.GetByTestId("standing-ui7-tight")).ToContainTextAsync("Verification failed");
        await BrowserFixture.CaptureAsync(page, "claims-standing");
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task PublicPage_OfAnAtRiskClaim_ReadsAsAtRisk_NamesTheProduct_AndAsksForAFileBeforeChecking()
    {
        var (supply, _, fabric, _, _) = await ClaimWorkflow.PublishAsync(portal.Host, "ui8");
        await ClaimWorkflow.OkAsync(supply.PutAsJsonAsync("/api/shipments/ui8-S9", TestSupplyChain.Shipment(fabric, "road", 7000, "km", "2026-04-03T08:00:00+02:00", "2026-04-05T08:00:00+02:00")));
        var visitor = await browser.NewPageAsync(portal.Host.BaseAddress);
        var posts = 0;
        visitor.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;

        await BrowserFixture.OpenAsync(visitor, "/verify/ui8-claim");
        var status = (await visitor.GetByTestId("verify-status").InnerTextAsync()).Trim();
        var finding = (await visitor.GetByTestId("verify-finding").InnerTextAsync()).Trim();
        var product = (await visitor.GetByTestId("verify-product").InnerTextAsync()).Trim();
        var link = visitor.GetByRole(AriaRole.Link, new() { Name = "Download the signed proof PDF" });
        var decoration = await link.EvaluateAsync<string>("a => getComputedStyle(a).textDecorationLine");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Check the PDF" }).ClickAsync();
        var missing = await visitor.Locator("#proof").EvaluateAsync<string>("i => i.validity.valueMissing ? i.validationMessage : ''");
        await BrowserFixture.CaptureAsync(visitor, "verify-at-risk");

        Assert.Equal("At risk: newer data no longer substantiates this claim.", status);
        Assert.Equal(AtRiskFinding, finding);
        Assert.Equal("Organic tee", product);
        Assert.Contains("underline", decoration, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(missing), "the browser let an empty upload through");
        Assert.Equal(0, posts);
        Assert.Equal(0, await visitor.GetByTestId("check-result").CountAsync());

        // The genuine proof of a claim at risk is genuine, and the answer says the claim is at risk today.
        var path = Path.Combine(Path.GetTempPath(), $"ui8-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, await (await visitor.APIRequest.GetAsync("/verify/ui8-claim/proof.pdf")).BodyAsync());
        await visitor.Locator("#proof").SetInputFilesAsync(path);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Check the PDF" }).ClickAsync();
        var result = visitor.GetByTestId("check-result");
        await Assertions.Expect(result).ToContainTextAsync("Genuine: this is the unaltered proof of this claim.");
        await Assertions.Expect(result).ToContainTextAsync("Today: At risk: newer data no longer substantiates this claim.");
        File.Delete(path);
        await AxeCheck.AssertAccessibleAsync(visitor); // the answer is a new page (the form posts)

        var unknown = await visitor.GotoAsync("/verify/ui8-never-published");
        await AxeCheck.AssertAccessibleAsync(visitor);
        Assert.Equal(404, unknown!.Status);
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "No published claim" })).ToBeVisibleAsync();
        await BrowserFixture.CloseAsync(visitor);
    }
}
