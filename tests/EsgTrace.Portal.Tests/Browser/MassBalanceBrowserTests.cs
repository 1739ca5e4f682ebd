using System.Net.Http.Json;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Epcis;
using EsgTrace.Testing;
using Microsoft.Playwright;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>A location that gave more of a lot than it held (a captured EPCIS fact) is a warning in words on the lot, product and shipment pages.</summary>
[Collection(PortalCollection.Name)]
public sealed class MassBalanceBrowserTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task AnOverdrawnLocation_IsAWarningInWords_NotOnlyAColour()
    {
        using var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var p = "mbui" + Random.Shared.Next(10_000, 99_999);
        // TestSupplyChain: fabric lot of 800 kg, mill → Chennai port → Hamburg port, a batch there consumes 400 kg.
        var (tee, fabric) = await TestSupplyChain.RecordAsync(api, p);
        var lotClass = $"https://id.gs1.org/01/04012345111118/10/{p}";
        var lot = await (await api.GetAsync($"/api/lots/{fabric}")).ReadJsonAsync();
        var record = JsonSerializer.Deserialize<Dictionary<string, object?>>(lot.GetProperty("lot").GetRawText())!;
        record["epcClass"] = lotClass;
        (await api.PostAsJsonAsync($"/api/lots/{fabric}/corrections", new { record, corrects = 1, reason = "GS1 identifier added" })).EnsureSuccessStatusCode();
        // A partner's system reports 600 kg leaving a warehouse that holds none of the lot: a fact, recorded and flagged.
        var shippingId = $"urn:uuid:{Guid.NewGuid()}";
        var shipping = $$$"""{"type":"ObjectEvent","eventID":"{{{shippingId}}}","eventTime":"2026-05-02T08:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","quantityList":[{"epcClass":"{{{lotClass}}}","quantity":600,"uom":"KGM"}],"sourceList":[{"type":"location","source":"urn:epc:id:sgln:4012345.00009.0"}],"destinationList":[{"type":"location","destination":"urn:epc:id:sgln:4012345.00010.0"}],"esg:transportMode":"road","esg:distanceKm":290}""";
        await CaptureAsync(api, Document(""",{"esg":"https://esgtrace.dev/epcis/"}""", shipping));
        var balance = (await (await api.GetAsync($"/api/lots/{fabric}")).ReadJsonAsync()).GetProperty("balance");
        var warehouse = balance.GetProperty("overdrawn").EnumerateArray().Single().GetString()!;

        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "supply", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, $"/supply-chain/lots/{fabric}");
        var panel = page.GetByTestId($"mass-balance-{fabric}");
        // 0 kg there − 600 kg shipped on.
        await Assertions.Expect(panel.GetByTestId("overdrawn")).ToContainTextAsync($"Overdrawn at {warehouse}: 600 kg more left it than it held.");
        await Assertions.Expect(panel.GetByTestId("balance-table").Locator("tbody tr").Filter(new() { HasText = warehouse })).ToContainTextAsync("-600 overdrawn");
        await Assertions.Expect(panel.GetByTestId("movements-table")).ToContainTextAsync("recorded although the location held less");
        await FormSteps.CaptureBothAsync(page, "lot-overdrawn");

        await BrowserFixture.OpenAsync(page, $"/supply-chain/products/{tee}");
        await Assertions.Expect(page.GetByTestId($"mass-balance-{fabric}").GetByTestId("overdrawn")).ToContainTextAsync($"Overdrawn at {warehouse}");

        await BrowserFixture.OpenAsync(page, $"/supply-chain/shipments/{Uri.EscapeDataString(EpcisDomainFeed.DerivedId(shippingId))}");
        await Assertions.Expect(page.GetByTestId("overdrawn")).ToContainTextAsync($"less of lot {fabric} than it took");
        await BrowserFixture.CloseAsync(page);
    }
}
