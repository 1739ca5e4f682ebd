using System.Net.Http.Json;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Microsoft.Playwright;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>Locations with captured EPCIS master data show by their name on the product and lot pages, the id as the tooltip.</summary>
[Collection(PortalCollection.Name)]
public sealed class MasterDataBrowserTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task ProductAndLotPages_ShowTheMasterDataName_WithTheIdAsTooltip()
    {
        using var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var p = "mdui" + Random.Shared.Next(10_000, 99_999);
        var (tee, fabric) = await TestSupplyChain.RecordAsync(api, p);
        var lotClass = $"https://id.gs1.org/01/04012345111118/10/{p}";
        var lot = await (await api.GetAsync($"/api/lots/{fabric}")).ReadJsonAsync();
        var record = JsonSerializer.Deserialize<Dictionary<string, object?>>(lot.GetProperty("lot").GetRawText())!;
        record["epcClass"] = lotClass;
        (await api.PostAsJsonAsync($"/api/lots/{fabric}/corrections", new { record, corrects = 1, reason = "GS1 identifier added" })).EnsureSuccessStatusCode();

        // A cold store and a hub of our own numbers, named in the document's master data; 100 kg of the lot leave the store.
        var n = Random.Shared.Next(10_000, 89_999);
        var store = $"urn:epc:id:sgln:4012345.{n}.0";
        var hub = $"urn:epc:id:sgln:4012345.{n + 1}.0";
        var vocabularies = $$$"""[{"type":"urn:epcglobal:epcis:vtype:BusinessLocation","vocabularyElementList":[{"id":"{{{store}}}","attributes":[{"id":"cbvmda:name","attribute":"Bremerhaven cold store {{{n}}}"}]},{"id":"{{{hub}}}","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"Rotterdam hub {{{n}}}"}]}]}]""";
        var shipping = $$$"""{"type":"ObjectEvent","eventID":"urn:uuid:{{{Guid.NewGuid()}}}","eventTime":"2026-05-02T08:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","quantityList":[{"epcClass":"{{{lotClass}}}","quantity":100,"uom":"KGM"}],"sourceList":[{"type":"location","source":"{{{store}}}"}],"destinationList":[{"type":"location","destination":"{{{hub}}}"}],"esg:transportMode":"road","esg:distanceKm":480}""";
        var job = await CaptureAsync(api, Epcis.EpcisMasterDataTests.WithMasterData(""",{"esg":"https://esgtrace.dev/epcis/"}""", vocabularies, shipping));
        Assert.Equal("shipment", job.GetProperty("feed").EnumerateArray().Single().GetProperty("result").GetString());
        var balance = (await (await api.GetAsync($"/api/lots/{fabric}")).ReadJsonAsync()).GetProperty("balance");
        // The lot's ledger names the store by its canonical id (the SGLN's Digital Link).
        var storeId = balance.GetProperty("overdrawn").EnumerateArray().Single().GetString()!;
        Assert.StartsWith("https://id.gs1.org/414/", storeId, StringComparison.Ordinal);

        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "supply", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, $"/supply-chain/products/{tee}");
        var panel = page.GetByTestId($"mass-balance-{fabric}");
        var storeRow = panel.GetByTestId("balance-table").Locator("tbody tr").Filter(new() { HasText = $"Bremerhaven cold store {n}" });
        await Assertions.Expect(storeRow).ToHaveCountAsync(1);
        await Assertions.Expect(storeRow.GetByTestId("master-data-name")).ToHaveAttributeAsync("title", storeId);
        await Assertions.Expect(panel.GetByTestId("balance-table")).Not.ToContainTextAsync(storeId);
        await Assertions.Expect(panel.GetByTestId("overdrawn")).ToContainTextAsync($"Overdrawn at Bremerhaven cold store {n}: 100 kg more left it than it held.");
        await Assertions.Expect(panel.GetByTestId("balance-table")).ToContainTextAsync($"Rotterdam hub {n}");
        await FormSteps.CaptureBothAsync(page, "product-master-data-names");

        await BrowserFixture.OpenAsync(page, $"/supply-chain/lots/{fabric}");
        var movements = page.GetByTestId($"mass-balance-{fabric}").GetByTestId("movements-table");
        await Assertions.Expect(movements).ToContainTextAsync($"Bremerhaven cold store {n} → Rotterdam hub {n}");
        await Assertions.Expect(movements.GetByTestId("master-data-name").Filter(new() { HasText = $"Rotterdam hub {n}" })).ToHaveAttributeAsync("title", balance.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("location").GetString()!).Single(l => l != storeId && l.StartsWith("https://id.gs1.org/414/", StringComparison.Ordinal)));
        await BrowserFixture.CloseAsync(page);
    }
}
