using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>Corrections change the demo's recorded facts, so they run on a portal of their own.</summary>
[CollectionDefinition(Name)]
public sealed class CorrectionsCollection : ICollectionFixture<PortalFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "portal-corrections";
}

/// <summary>
/// A supply-chain user corrects the demo's S-2026-0003 (Tiruppur knitting mill → Chennai cut-and-sew, road, 460 km, 8 t of
/// jersey lot F-2026-101) in the portal, and sees the T-shirt's footprint and the lot's mass balance follow.
/// </summary>
[Collection(CorrectionsCollection.Name)]
public sealed class CorrectionBrowserTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task CorrectingAShipment_ChangesTheFootprintAndTheLotsMassBalance_AndATooHeavyCorrectionIsRefusedWithTheFigures()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "supply", PortalHost.DemoPassword);

        // Before: T-shirt per piece 1.098 (0.18 kg jersey × 6.1) + 0.2478 (0.35 kWh × 0.708)
        // + road 0.18 kg × (0.46 + 0.06 + 0.095 t.km/kg) × 0.14993 = 0.016597251: 1.362397251 → 1.3624 (five significant digits).
        await BrowserFixture.OpenAsync(page, "/supply-chain/products/demo-tee");
        await Assertions.Expect(page.GetByTestId("footprint-total")).ToHaveTextAsync("1.3624");
        // The jersey lot on the product page: 8,000 kg produced at Tiruppur and all shipped on; Chennai received 8,000 kg and
        // the two batches consumed 20,000 tees × 0.18 kg = 3,600 kg and 5,000 hoodies × 0.06 kg = 300 kg: 4,100 kg remain.
        var jersey = page.GetByTestId("mass-balance-F-2026-101");
        await Assertions.Expect(Row(jersey, "Tiruppur knitting mill")).ToHaveTextAsync(Cells("Tiruppur knitting mill (origin)", "8,000", "0", "8,000", "0", "0"));
        await Assertions.Expect(Row(jersey, "Chennai cut-and-sew")).ToHaveTextAsync(Cells("Chennai cut-and-sew", "0", "8,000", "0", "3,900", "4,100"));
        await FormSteps.CaptureBothAsync(page, "product-demo-tee-mass-balance");

        await BrowserFixture.OpenAsync(page, "/supply-chain/shipments");
        await page.GetByRole(AriaRole.Link, new() { Name = "S-2026-0003", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("shipment-version")).ToContainTextAsync("Version 1 ·");
        await AxeCheck.AssertAccessibleAsync(page);
        var form = page.GetByTestId("correction-form");
        await Assertions.Expect(form.GetByLabel("Distance", new() { Exact = true })).ToHaveValueAsync("460");
        await Assertions.Expect(form.GetByLabel("Mass", new() { Exact = true })).ToHaveValueAsync("8");
        await Assertions.Expect(page.GetByTestId("corrects-version")).ToContainTextAsync("Corrects version 1.");
        // Nothing changed and no reason yet: nothing to submit.
        Assert.True(await page.GetByTestId("correct-shipment").IsDisabledAsync());

        // 9 t of a lot of 8 t: refused with the figures, and nothing changes.
        await form.GetByLabel("Mass", new() { Exact = true }).FillAsync("9");
        await form.GetByLabel("Reason for the correction").FillAsync("Weighbridge ticket 4471");
        await page.GetByTestId("correct-shipment").ClickAsync();
        var refusal = page.GetByTestId("shipment-errors");
        await Assertions.Expect(refusal).ToContainTextAsync("Not saved: Not enough of the lot is there.");
        await Assertions.Expect(refusal).ToContainTextAsync("Lot F-2026-101 holds 8000 kg");
        await Assertions.Expect(refusal).ToContainTextAsync("8000 kg remain, but this shipment takes 9000 kg.");
        await FormSteps.CaptureBothAsync(page, "shipment-correction-refused");
        await Assertions.Expect(page.GetByTestId("shipment-version")).ToContainTextAsync("Version 1 ·");

        // The road was 560 km, not 460: the same 8 t, corrected distance.
        await form.GetByLabel("Mass", new() { Exact = true }).FillAsync("8");
        await form.GetByLabel("Distance", new() { Exact = true }).FillAsync("560");
        await form.GetByLabel("Reason for the correction").FillAsync("Odometer: the truck went via Salem, 560 km");
        await page.GetByTestId("correct-shipment").ClickAsync();
        await Assertions.Expect(page.GetByTestId("shipment-version")).ToContainTextAsync("Version 2 (corrected)");
        await Assertions.Expect(page.GetByTestId("shipment-distance")).ToHaveTextAsync("560 km");
        // 8 t × 560 km.
        await Assertions.Expect(page.GetByTestId("shipment-tkm")).ToHaveTextAsync("4480 t·km");
        await Assertions.Expect(page.GetByTestId("corrects-version")).ToContainTextAsync("Corrects version 2.");
        await FormSteps.CaptureBothAsync(page, "shipment-corrected");

        // The jersey's own intensity is now 8 t × 560 km ÷ 8,000 kg = 0.56 t.km/kg: road 0.18 × (0.56 + 0.06 + 0.095) × 0.14993
        // = 0.18 × 0.715 × 0.14993 = 0.019295991; total 1.098 + 0.019295991 + 0.2478 = 1.365095991 → 1.3651.
        await BrowserFixture.OpenAsync(page, "/supply-chain/products/demo-tee");
        await Assertions.Expect(page.GetByTestId("footprint-total")).ToHaveTextAsync("1.3651");

        // The lot's ledger shows the corrected leg; the masses did not change.
        await BrowserFixture.OpenAsync(page, "/supply-chain/lots/F-2026-101");
        var movements = page.GetByTestId("movements-table");
        await Assertions.Expect(movements.Locator("tbody tr").Filter(new() { HasText = "S-2026-0003" })).ToContainTextAsync("560");
        await Assertions.Expect(Row(page.GetByTestId("mass-balance-F-2026-101"), "Chennai cut-and-sew")).ToHaveTextAsync(Cells("Chennai cut-and-sew", "0", "8,000", "0", "3,900", "4,100"));

        // Then the weighbridge: only 7.5 t went. A second correction, of version 2.
        await BrowserFixture.OpenAsync(page, "/supply-chain/shipments/S-2026-0003");
        form = page.GetByTestId("correction-form");
        await Assertions.Expect(form.GetByLabel("Distance", new() { Exact = true })).ToHaveValueAsync("560");
        await form.GetByLabel("Mass", new() { Exact = true }).FillAsync("7.5");
        await form.GetByLabel("Reason for the correction").FillAsync("Weighbridge at Chennai: 7.5 t");
        await page.GetByTestId("correct-shipment").ClickAsync();
        await Assertions.Expect(page.GetByTestId("shipment-version")).ToContainTextAsync("Version 3 (corrected)");

        // 500 kg stay at Tiruppur; Chennai received 7,500 kg and, after the batches' 3,900 kg, holds 3,600 kg.
        await BrowserFixture.OpenAsync(page, "/supply-chain/lots/F-2026-101");
        var balance = page.GetByTestId("mass-balance-F-2026-101");
        await Assertions.Expect(Row(balance, "Tiruppur knitting mill")).ToHaveTextAsync(Cells("Tiruppur knitting mill (origin)", "8,000", "0", "7,500", "0", "500"));
        await Assertions.Expect(Row(balance, "Chennai cut-and-sew")).ToHaveTextAsync(Cells("Chennai cut-and-sew", "0", "7,500", "0", "3,900", "3,600"));
        await Assertions.Expect(balance.GetByTestId("mass-balance-summary")).ToContainTextAsync("remaining 4,100 kg");
        await FormSteps.CaptureBothAsync(page, "lot-F-2026-101");

        // Own intensity 7.5 t × 560 km ÷ 8,000 kg = 0.525 t.km/kg: road 0.18 × (0.525 + 0.155) × 0.14993 = 0.1224 × 0.14993
        // = 0.018351432; total 1.098 + 0.018351432 + 0.2478 = 1.364151432 → 1.3642.
        await BrowserFixture.OpenAsync(page, "/supply-chain/products/demo-tee");
        await Assertions.Expect(page.GetByTestId("footprint-total")).ToHaveTextAsync("1.3642");
        await Assertions.Expect(Row(page.GetByTestId("mass-balance-F-2026-101"), "Chennai cut-and-sew")).ToHaveTextAsync(Cells("Chennai cut-and-sew", "0", "7,500", "0", "3,900", "3,600"));
        await BrowserFixture.CloseAsync(page);
    }

    private static ILocator Row(ILocator panel, string location) => panel.GetByTestId("balance-table").Locator("tbody tr").Filter(new() { HasText = location });

    /// <summary>A row's text as the cells run together (MudBlazor tables render no separators between cells).</summary>
    private static System.Text.RegularExpressions.Regex Cells(params string[] cells)
        => new("^\\s*" + string.Join("\\s*", cells.Select(System.Text.RegularExpressions.Regex.Escape)) + "\\s*$");
}
