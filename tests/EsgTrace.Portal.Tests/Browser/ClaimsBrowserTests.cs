using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>draft → verify → approve (a second person) → publish → public verification, in a real browser.</summary>
[Collection(PortalCollection.Name)]
public sealed class ClaimsBrowserTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task Claim_WalksTheWorkflow_AndThePublicPageVerifiesItsProof()
    {
        var id = "ui-claim-" + Guid.NewGuid().ToString("N")[..6];
        var marketing = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(marketing, "marketing", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(marketing, "/claims");
        await marketing.GetByLabel("Claim id").FillAsync(id);
        await marketing.GetByLabel("Product").ClickAsync();
        await marketing.GetByText("Organic cotton T-shirt", new() { Exact = true }).ClickAsync();
        await marketing.GetByLabel("kg CO2e").FillAsync("1.5");
        await marketing.GetByLabel("Wording").FillAsync("Our eco-friendly T-shirt");
        await marketing.GetByText("\"eco-friendly\" is a generic environmental term", new() { Exact = false }).First.WaitForAsync();
        await marketing.GetByLabel("Wording").FillAsync("Cradle-to-gate footprint of at most 1.5 kg CO2e per T-shirt");
        await marketing.GetByTestId("draft-claim").ClickAsync();
        var row = marketing.GetByRole(AriaRole.Row).Filter(new() { HasText = id });
        await row.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(marketing.GetByTestId($"status-{id}")).ToHaveTextAsync("Verified");

        var auditor = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(auditor, "auditor", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(auditor, "/claims");
        await auditor.GetByRole(AriaRole.Row).Filter(new() { HasText = id }).GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(auditor.GetByTestId($"status-{id}")).ToHaveTextAsync("Approved");
        await BrowserFixture.CloseAsync(auditor);

        await marketing.ReloadAsync();
        await AxeCheck.AssertAccessibleAsync(marketing);
        await marketing.GetByRole(AriaRole.Row).Filter(new() { HasText = id }).GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(marketing.GetByTestId($"status-{id}")).ToHaveTextAsync("Published");
        await BrowserFixture.CaptureAsync(marketing, "claims");
        await BrowserFixture.CloseAsync(marketing);

        var visitor = await browser.NewPageAsync(portal.Host.BaseAddress);
        await BrowserFixture.OpenAsync(visitor, $"/verify/{id}");
        Assert.StartsWith("Valid", (await visitor.GetByTestId("verify-status").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        var proof = await visitor.APIRequest.GetAsync($"/verify/{id}/proof.pdf");
        var path = Path.Combine(Path.GetTempPath(), $"{id}.pdf");
        await File.WriteAllBytesAsync(path, await proof.BodyAsync());
        await visitor.Locator("#proof").SetInputFilesAsync(path);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Check the PDF" }).ClickAsync();
        await visitor.GetByText("Genuine: this is the unaltered proof of this claim.").WaitForAsync();
        var thumbprint = portal.Host.Services.GetRequiredService<EsgTrace.Signing.ISigningCertificate>().Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        await Assertions.Expect(visitor.GetByTestId("signer-thumbprint")).ToHaveTextAsync(thumbprint);
        await Assertions.Expect(visitor.GetByTestId("signature-timestamp")).ToContainTextAsync("none");
        await BrowserFixture.CaptureAsync(visitor, "verify");
        File.Delete(path);
        await BrowserFixture.CloseAsync(visitor);
    }
}
