using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using EsgTrace.Accounts;
using EsgTrace.Portal.Tests.SupplierPortal;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>
/// A supplier's person redeems the invitation link, signs in, sees only its own requests and uploads an answer; a
/// supply-chain user accepts it and the product's footprint changes by the amount worked out by hand.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SupplierPortalBrowserTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task ASupplierAnswersItsOwnRequest_AndTheSupplyChainAcceptsIt()
    {
        using var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var tag = Guid.NewGuid().ToString("N")[..6];
        var mine = await SupplierPortalSetup.RecordAsync(supply, "ui" + tag);
        var theirs = await SupplierPortalSetup.RecordAsync(supply, "uo" + tag);
        var link = new Uri((await SupplierPortalSetup.Json(supply.PostAsJsonAsync("/api/supplier-invitations", new { supplierId = mine.Supplier }))).GetProperty("link").GetString()!);

        // The invited person opens the link, chooses a username and password, and is signed in to the supplier portal.
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await BrowserFixture.OpenAsync(page, link.PathAndQuery);
        await Assertions.Expect(page.GetByTestId("invitation-supplier")).ToContainTextAsync(mine.Supplier);
        await page.FillAsync("#display-name", "Sofia Spinner");
        await page.FillAsync("#username", "sofia." + tag);
        await page.FillAsync("#new-password", "a long supplier password");
        await page.FillAsync("#confirm", "a long supplier password");
        await page.ClickAsync("button[type=submit]");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Supplier portal", Level = 1 }).WaitForAsync();
        await AxeCheck.AssertAccessibleAsync(page);
        await Assertions.Expect(page.GetByTestId("own-supplier")).ToContainTextAsync(mine.Supplier);

        // Its own request and lot only: the other supplier's request and lot are nowhere on the page.
        await Assertions.Expect(page.GetByTestId("request-id")).ToHaveTextAsync([mine.Request]);
        await Assertions.Expect(page.GetByTestId("own-lots")).ToContainTextAsync(mine.Lot);
        Assert.DoesNotContain(theirs.Request, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Lot, await page.ContentAsync(), StringComparison.Ordinal);

        // The answer: 4 kg CO2e per 1 kilogram (PACT v3 fields) with the PACT document attached.
        await page.GetByRole(AriaRole.Button, new() { Name = "Answer " + mine.Request }).ClickAsync();
        var pcfId = Guid.NewGuid().ToString();
        await page.GetByLabel("PCF id (UUID)").FillAsync(pcfId);
        await page.GetByLabel("Declared unit amount").FillAsync("1");
        await page.GetByLabel("Product mass per declared unit (kg)").FillAsync("1");
        await page.GetByLabel("PCF excluding biogenic uptake (kg CO2e)").FillAsync("4");
        await page.GetByLabel("Reference period start (yyyy-mm-dd)").FillAsync("2025-01-01");
        await page.GetByLabel("Reference period end, exclusive (yyyy-mm-dd)").FillAsync("2026-01-01");
        var document = Encoding.UTF8.GetBytes($"{{\"id\":\"{pcfId}\",\"specVersion\":\"3.0.0\",\"pcf\":{{\"declaredUnitOfMeasurement\":\"kilogram\",\"pcfExcludingBiogenicUptake\":\"4\"}}}}");
        await page.SetInputFilesAsync("#answer-document", new FilePayload { Name = "pcf.json", MimeType = "application/json", Buffer = document });
        await Assertions.Expect(page.GetByTestId("attached")).ToContainTextAsync("pcf.json");
        await AxeCheck.AssertAccessibleAsync(page);
        await page.GetByTestId("send-answer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("request-status")).ToHaveTextAsync(["answered"]);
        await FormSteps.CaptureBothAsync(page, "supplier-portal");
        await BrowserFixture.CloseAsync(page);

        // Answered, not yet accepted: the footprint still uses the brand's estimate (0.5 kg × 2 = 1.0).
        Assert.Equal(1.0m, await SupplierPortalSetup.FootprintAsync(supply, mine.Product));

        var brand = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(brand, "supply", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(brand, "/supply-chain/supplier-requests");
        var row = brand.GetByTestId("supplier-requests").Locator("tr").Filter(new() { HasText = mine.Request });
        await Assertions.Expect(row.GetByTestId("answer-summary")).ToContainTextAsync($"PCF {pcfId}, 4 kg CO2e per 1 kilogram (1 kg) = 4 kg CO2e/kg");
        await brand.GetByRole(AriaRole.Button, new() { Name = $"Accept answer 1 of {mine.Request}" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("brand-request-status")).ToHaveTextAsync("accepted");
        await FormSteps.CaptureBothAsync(brand, "supplier-requests");
        await BrowserFixture.CloseAsync(brand);

        // Accepted: the lot's primary factor is the supplier's 4 kg CO2e/kg (its document's SHA-256 in the source), and
        // the scarf's footprint is 0.5 kg × 4 = 2.0 kg CO2e per piece.
        var factor = (await SupplierPortalSetup.Json(supply.GetAsync($"/api/lots/{mine.Lot}"))).GetProperty("lot").GetProperty("factor");
        Assert.Equal(4m, factor.GetProperty("kgCo2ePerUnit").GetDecimal());
        Assert.EndsWith("document sha256 " + Convert.ToHexStringLower(SHA256.HashData(document)), factor.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal(2.0m, await SupplierPortalSetup.FootprintAsync(supply, mine.Product));
        Assert.Equal(1.0m, await SupplierPortalSetup.FootprintAsync(supply, theirs.Product));
    }
}
