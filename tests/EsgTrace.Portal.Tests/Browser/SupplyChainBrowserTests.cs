using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>A supply-chain user records a shipment in the portal and sees the product's footprint change.</summary>
[Collection(PortalCollection.Name)]
public sealed class SupplyChainBrowserTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task RecordingAShipment_RaisesTheDemoTeeFootprintByItsTransport()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "supply", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, "/supply-chain/products/demo-tee");

        // Demo T-shirt, per piece: 180 g jersey × 6.1 = 1.098; road 460 km: 0.00018 t × 460 × 0.14993 = 0.012414204;
        // energy 0.35 kWh × 0.708 = 0.2478; total 1.358214204 → shown as 1.3582.
        Assert.Equal("1.3582", (await page.GetByTestId("footprint-total").InnerTextAsync()).Trim());
        await BrowserFixture.CaptureAsync(page, "product-demo-tee");

        await BrowserFixture.OpenAsync(page, "/supply-chain/shipments");
        await page.GetByLabel("Shipment id").FillAsync("S-UI-" + Guid.NewGuid().ToString("N")[..6]);
        await page.GetByLabel("Lot ids (comma-separated)").FillAsync("F-2026-101");
        await page.GetByLabel("From").FillAsync("Chennai cut-and-sew");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("Chennai port");
        await page.GetByLabel("Distance", new() { Exact = true }).FillAsync("100");
        await page.GetByLabel("Mass", new() { Exact = true }).FillAsync("8");
        await page.GetByLabel("Departed (local time with offset)").FillAsync("2026-05-01T08:00:00+05:30");
        await page.GetByLabel("Arrived (local time with offset)").FillAsync("2026-05-01T12:00:00+05:30");
        await page.GetByTestId("record-shipment").ClickAsync();
        await page.GetByText("Footprints of products using its lots now include it.").WaitForAsync();
        await BrowserFixture.CaptureAsync(page, "shipments");

        await BrowserFixture.OpenAsync(page, "/supply-chain/products/demo-tee");

        // + 0.00018 t × 100 km × 0.14993 = 0.0026987 → 1.360912904 → shown as 1.3609.
        Assert.Equal("1.3609", (await page.GetByTestId("footprint-total").InnerTextAsync()).Trim());
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task SuppliersAndLots_ShowTheRecordedChain()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "supply", PortalHost.DemoPassword);

        await BrowserFixture.OpenAsync(page, "/supply-chain/suppliers");
        await page.GetByText("Kaveri Organic Cotton Cooperative").WaitForAsync();
        await page.GetByText("GOTS CU-812345 (2026-01-01 – 2026-12-31)").WaitForAsync();
        await BrowserFixture.CaptureAsync(page, "suppliers");

        await BrowserFixture.OpenAsync(page, "/supply-chain/lots");
        await page.GetByRole(AriaRole.Cell, new() { Name = "F-2026-101", Exact = true }).WaitForAsync();
        await BrowserFixture.CaptureAsync(page, "lots");

        await BrowserFixture.OpenAsync(page, "/supply-chain");
        await page.GetByRole(AriaRole.Link, new() { Name = "Recycled fleece hoodie" }).ClickAsync();
        await page.GetByTestId("footprint-total").WaitForAsync();
        await AxeCheck.AssertAccessibleAsync(page);
        // Recycled fleece R-2026-007, and jersey F-2026-101 ← yarn Y-2026-014 ← cotton C-2026-001: four lots.
        Assert.Equal(4, await page.GetByTestId("trace-table").Locator("tbody tr").CountAsync());
        await BrowserFixture.CaptureAsync(page, "product-demo-hoodie");
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task ArrivalBeforeDeparture_IsFlaggedAsYouType_AndCannotBeSubmitted()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "supply", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, "/supply-chain/shipments");

        await page.GetByLabel("Departed (local time with offset)").FillAsync("2026-05-01T08:00:00+05:30");
        await page.GetByLabel("Arrived (local time with offset)").FillAsync("2026-05-01T07:00:00+05:30");

        await page.GetByText("The shipment cannot arrive before it left.").WaitForAsync();
        Assert.True(await page.GetByTestId("record-shipment").IsDisabledAsync());
        await BrowserFixture.CloseAsync(page);
    }
}
