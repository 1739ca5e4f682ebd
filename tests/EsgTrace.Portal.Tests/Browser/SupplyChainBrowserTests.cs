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

        // Demo T-shirt, per piece: 180 g jersey × 6.1 = 1.098; road: 0.18 kg × (jersey 8 t × 460 km ÷ 8000 kg = 0.46 t.km/kg
        // + from its yarn: 10 t × 60 km ÷ 10000 kg = 0.06 + from the yarn's cotton: 12 t × 95 km ÷ 12000 kg = 0.095) × 0.14993
        // = 0.18 × 0.615 × 0.14993 = 0.016597251; energy 0.35 kWh × 0.708 = 0.2478; total 1.362397251 → shown as 1.3624.
        Assert.Equal("1.3624", (await page.GetByTestId("footprint-total").InnerTextAsync()).Trim());
        await BrowserFixture.CaptureAsync(page, "product-demo-tee");

        await BrowserFixture.OpenAsync(page, "/supply-chain/shipments");
        await page.GetByLabel("Shipment id").FillAsync("S-UI-" + Guid.NewGuid().ToString("N")[..6]);
        // The lot by search (part of its id), the origin from the places that hold it, times by date, time and zone.
        await FormSteps.PickAsync(page.GetByLabel("Add a lot (search by id or material)"), "F-2026-1", "F-2026-101 · cotton jersey");
        await Assertions.Expect(page.GetByTestId("shipment-lots").GetByTestId("lot-entry")).ToContainTextAsync("Holds 4,100 kg at Chennai cut-and-sew");
        await FormSteps.PickAsync(page.GetByLabel("From", new() { Exact = true }), "Chennai", "Chennai cut-and-sew");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("Chennai port");
        await page.GetByLabel("Distance", new() { Exact = true }).FillAsync("100");
        await page.GetByLabel("Mass", new() { Exact = true }).FillAsync("4");
        await FormSteps.FillTimeAsync(page, "Departed", "2026-05-01", "08:00", "Asia/Kolkata");
        await FormSteps.FillTimeAsync(page, "Arrived", "2026-05-01", "12:00", "Asia/Kolkata");
        // Kolkata keeps +05:30 all year: the recorded times carry that offset.
        await Assertions.Expect(page.GetByTestId("departed-value")).ToHaveTextAsync("Recorded as 2026-05-01T08:00:00+05:30");
        await Assertions.Expect(page.GetByTestId("arrived-value")).ToHaveTextAsync("Recorded as 2026-05-01T12:00:00+05:30");
        await page.GetByTestId("record-shipment").ClickAsync();
        await page.GetByText("Footprints of products using its lots now include it.").WaitForAsync();
        await FormSteps.CaptureBothAsync(page, "shipments");

        await BrowserFixture.OpenAsync(page, "/supply-chain/products/demo-tee");

        // 4 of the 4.1 t left at Chennai cut-and-sew (8 t arrived, the batches used 3.6 + 0.3 t), 100 km by road:
        // + 0.18 kg × (4 t × 100 km ÷ 8000 kg = 0.05 t.km/kg) × 0.14993 = 0.00134937 → 1.363746621 → shown as 1.3637.
        Assert.Equal("1.3637", (await page.GetByTestId("footprint-total").InnerTextAsync()).Trim());
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
        // A new supplier, then its certificate: the supplier picked by searching its name.
        var supplier = "ui-sup-" + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Supplier id").FillAsync(supplier);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Madurai Dye House {supplier}");
        await page.GetByLabel("Country (ISO alpha-2)").FillAsync("IN");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save supplier" }).ClickAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = supplier, Exact = true }).WaitForAsync();
        await FormSteps.PickAsync(page.GetByLabel("Supplier", new() { Exact = true }), "Madurai Dye", $"Madurai Dye House {supplier} ({supplier})");
        await page.GetByLabel("Scheme (GOTS, FSC, GRS, …)").FillAsync("GOTS");
        await page.GetByLabel("Certificate number").FillAsync("CU-900001");
        await page.GetByLabel("Valid from").FillAsync("2026-01-01");
        await page.GetByLabel("Valid from").PressAsync("Tab");
        await page.GetByLabel("Valid to (inclusive)").FillAsync("2026-12-31");
        await page.GetByLabel("Valid to (inclusive)").PressAsync("Tab");
        await page.GetByLabel("Chain of custody (optional)").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "mass balance" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add certificate" }).ClickAsync();
        await page.GetByText("GOTS CU-900001 (2026-01-01 – 2026-12-31) · mass balance").WaitForAsync();
        await FormSteps.CaptureBothAsync(page, "suppliers");

        await BrowserFixture.OpenAsync(page, "/supply-chain/lots");
        await page.GetByRole(AriaRole.Cell, new() { Name = "F-2026-101", Exact = true }).WaitForAsync();
        await FormSteps.CaptureBothAsync(page, "lots");

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

        await FormSteps.FillTimeAsync(page, "Departed", "2026-05-01", "08:00", "Asia/Kolkata");
        // 07:00 in Dubai (+04:00) is 08:30 in Kolkata: half an hour after it left, so no error yet.
        await FormSteps.FillTimeAsync(page, "Arrived", "2026-05-01", "07:00", "Asia/Dubai");
        await Assertions.Expect(page.GetByTestId("arrived-value")).ToHaveTextAsync("Recorded as 2026-05-01T07:00:00+04:00");
        Assert.Equal(0, await page.GetByText("The shipment cannot arrive before it left.").CountAsync());
        // 07:00 in Kolkata is an hour before it left.
        await FormSteps.PickAsync(page.GetByLabel("Arrived time zone", new() { Exact = true }), "Kolkata", "Asia/Kolkata");

        await page.GetByText("The shipment cannot arrive before it left.").WaitForAsync();
        Assert.True(await page.GetByTestId("record-shipment").IsDisabledAsync());
        await BrowserFixture.CloseAsync(page);
    }
}
