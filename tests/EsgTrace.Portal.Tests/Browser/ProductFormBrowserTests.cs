using System.Net.Http.Json;
using EsgTrace.Accounts;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>
/// A supply-chain user records a lot (supplier picked by search), defines a product in the portal (checked as they type, a
/// material and a sub-product on its bill of materials, a grid factor from the starter dataset), records a batch with the
/// lot picker and zoned time, and sees its footprint and the lot's mass balance; a cycle is refused on the field it concerns.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ProductFormBrowserTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task DefiningAProduct_InThePortal_GivesItsFootprint_AndACycleIsRefused()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (lotId, material, strapId, bagId) = ($"L-UI-{tag}", $"ui twill {tag}", $"ui-strap-{tag}", $"ui-bag-{tag}");
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "supply", PortalHost.DemoPassword);

        // A lot of 500 kg at Chennai cut-and-sew, 4.2 kg CO2e per kg (the supplier's figure).
        await BrowserFixture.OpenAsync(page, "/supply-chain/lots");
        var lotForm = page.GetByTestId("lot-form");
        await lotForm.GetByLabel("Lot id").FillAsync(lotId);
        await lotForm.GetByLabel("Material", new() { Exact = true }).FillAsync(material);
        await lotForm.GetByLabel("Quantity", new() { Exact = true }).FillAsync("500");
        await FormSteps.PickAsync(lotForm.GetByLabel("Supplier", new() { Exact = true }), "Chennai", "Chennai Apparel Works (demo-sewer)");
        await lotForm.GetByLabel("Site (where its mass starts)").FillAsync("Chennai cut-and-sew");
        await lotForm.GetByLabel("kg CO2e per unit").FillAsync("4.2");
        await lotForm.GetByLabel("Factor source (supplier PCF, report …)").FillAsync("UI test PCF");
        await page.GetByTestId("record-lot").ClickAsync();
        await page.GetByTestId("lots-table").GetByRole(AriaRole.Link, new() { Name = lotId, Exact = true }).WaitForAsync();

        // A strap made of 50 g of it, with a batch of 100 straps (5 kg), set up through the API: its footprint is 0.05 × 4.2 = 0.21.
        using var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        (await api.PutAsJsonAsync($"/api/products/{strapId}", new { name = $"UI strap {tag}", declaredUnit = "1 piece", bom = new[] { new { kind = "material", @ref = material, quantity = 50m, unit = "g" } } })).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync($"/api/batches/B-{strapId}", new { productId = strapId, inputLotIds = new[] { lotId }, quantity = 100m, producedAt = "2026-05-20T08:00:00+05:30" })).EnsureSuccessStatusCode();

        await BrowserFixture.OpenAsync(page, "/supply-chain");
        await page.GetByTestId("define-product").ClickAsync();
        var form = page.GetByTestId("product-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await AxeCheck.AssertAccessibleAsync(page);
        await form.GetByLabel("Product id").FillAsync(bagId);
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync($"UI tote bag {tag}");
        // The grains' own rules, as you type: a GTIN-8 with a wrong check digit, then the right one (9638507 → 4).
        await form.GetByLabel("GTIN (optional)").FillAsync("96385075");
        await page.GetByText("'gtin' must be a GTIN-8, -12, -13 or -14 with a valid check digit.").WaitForAsync();
        await form.GetByLabel("GTIN (optional)").FillAsync("96385074");
        await Assertions.Expect(page.GetByText("'gtin' must be a GTIN-8, -12, -13 or -14 with a valid check digit.")).ToHaveCountAsync(0);

        await FormSteps.PickAsync(page.GetByLabel("Line 1: material"), "twill " + tag, material);
        await page.GetByLabel("Line 1: quantity").FillAsync("0");
        await page.GetByText("Quantities must be greater than zero.").WaitForAsync();
        Assert.True(await page.GetByTestId("save-product").IsDisabledAsync());
        await page.GetByLabel("Line 1: quantity").FillAsync("250");
        await page.GetByTestId("add-sub-product").ClickAsync();
        await FormSteps.PickAsync(page.GetByLabel("Line 2: sub-product"), strapId, $"UI strap {tag} ({strapId})");
        await page.GetByLabel("Line 2: quantity").FillAsync("1");
        await page.GetByLabel("Process energy", new() { Exact = true }).FillAsync("0.2");
        // Energy without a grid: the button still works, and pressing it shows what is missing.
        await page.GetByTestId("save-product").ClickAsync();
        await page.GetByText("Process energy needs the grid factor of where the product is made (e.g. grid.IN).").WaitForAsync();
        await page.GetByLabel("Grid electricity factor").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Electricity, India, location-based grid average: 0.708 kg CO2e per kWh" }).ClickAsync();
        await FormSteps.CaptureBothAsync(page, "product-editor");
        await page.GetByTestId("save-product").ClickAsync();

        // Blazor navigates within the page (no load event): poll the address.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/supply-chain/products/{bagId}$"));
        await Assertions.Expect(page.GetByTestId("bom-table")).ToContainTextAsync(material);
        await Assertions.Expect(page.GetByTestId("bom-table")).ToContainTextAsync(strapId);
        await Assertions.Expect(page.GetByTestId("product-summary")).ToContainTextAsync("GTIN 96385074 · definition version 1");
        await AxeCheck.AssertAccessibleAsync(page);

        // A batch of 100 bags from the lot: the bill of materials takes 100 × 0.25 kg = 25 kg of it.
        var batch = page.GetByTestId("batch-form");
        await batch.GetByLabel("Batch id").FillAsync($"B-{bagId}");
        await batch.GetByLabel("Units produced (1 piece)").FillAsync("100");
        await FormSteps.FillTimeAsync(page, "Produced", "2026-06-01", "09:00", "Asia/Kolkata");
        await FormSteps.PickAsync(batch.GetByLabel("Add an input lot (search by id or material)"), lotId, lotId);
        await page.GetByTestId("record-batch").ClickAsync();

        // Per bag: 0.25 kg × 4.2 = 1.05 + the strap's 0.21 + 0.2 kWh × 0.708 = 0.1416; no shipments moved the lot: 1.4016.
        await Assertions.Expect(page.GetByTestId("footprint-total")).ToHaveTextAsync("1.4016");
        // The lot at Chennai cut-and-sew: 500 kg produced, 5 kg to straps and 25 kg to bags consumed, 470 kg remain.
        var balance = page.GetByTestId($"mass-balance-{lotId}").GetByTestId("balance-table").Locator("tbody tr");
        await Assertions.Expect(balance).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*Chennai cut-and-sew \(origin\)\s*500\s*0\s*0\s*30\s*470\s*$"));
        await FormSteps.CaptureBothAsync(page, "product-ui-bag");

        // The strap cannot contain the bag that contains it: refused, shown on the bill of materials, nothing saved.
        await BrowserFixture.OpenAsync(page, $"/supply-chain/products/{strapId}/edit");
        await Assertions.Expect(page.GetByTestId("product-version")).ToContainTextAsync("Editing definition version 1");
        await Assertions.Expect(page.GetByLabel("Line 1: quantity")).ToHaveValueAsync("50");
        await page.GetByTestId("add-sub-product").ClickAsync();
        await FormSteps.PickAsync(page.GetByLabel("Line 2: sub-product"), bagId, $"UI tote bag {tag} ({bagId})");
        await page.GetByLabel("Line 2: quantity").FillAsync("1");
        await page.GetByTestId("save-product").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bom-error")).ToContainTextAsync($"The bill of materials has a cycle: {strapId} → {bagId} → {strapId}.");
        await FormSteps.CaptureBothAsync(page, "product-editor-cycle");
        var strap = await (await api.GetAsync($"/api/products/{strapId}")).ReadJsonAsync();
        Assert.Equal(1, strap.GetProperty("version").GetInt64());

        // Correcting the lot: 20 kg would be less than the 30 kg its batches consumed, so it is refused with the figures;
        // 600 kg (the delivery note) is recorded as version 2, and the balance follows: 600 − 30 = 570 kg remain.
        await BrowserFixture.OpenAsync(page, $"/supply-chain/lots/{lotId}");
        var correction = page.GetByTestId("correction-form");
        await Assertions.Expect(correction.GetByLabel("Quantity", new() { Exact = true })).ToHaveValueAsync("500");
        await Assertions.Expect(page.GetByTestId("corrects-version")).ToContainTextAsync("Corrects version 1.");
        await correction.GetByLabel("Quantity", new() { Exact = true }).FillAsync("20");
        await correction.GetByLabel("Reason for the correction").FillAsync("Typo in the delivery note");
        await page.GetByTestId("correct-lot").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lot-errors")).ToContainTextAsync("Not saved: The lot would hold less than has left it.");
        await Assertions.Expect(page.GetByTestId("lot-errors")).ToContainTextAsync($"Lot {lotId} as corrected (20 kg, site 'Chennai cut-and-sew') leaves -10 kg at 'Chennai cut-and-sew'");
        await correction.GetByLabel("Quantity", new() { Exact = true }).FillAsync("600");
        await page.GetByTestId("correct-lot").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lot-version")).ToContainTextAsync("Version 2 (corrected)");
        await Assertions.Expect(page.GetByTestId($"mass-balance-{lotId}").GetByTestId("balance-table").Locator("tbody tr"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*Chennai cut-and-sew \(origin\)\s*600\s*0\s*0\s*30\s*570\s*$"));
        await FormSteps.CaptureBothAsync(page, "lot-corrected");
        await BrowserFixture.CloseAsync(page);
    }
}
