using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Epcis;
using EsgTrace.Testing;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.SupplyChain;

/// <summary>
/// Mass balance through the real API, on the chain of TestSupplyChain: fabric lot F (800 kg) goes mill → Chennai port →
/// Hamburg port, where a batch of 2,000 T-shirts × 200 g consumes 400 kg, so 400 kg remain at Hamburg port and nothing
/// anywhere else. What would take more is refused with the figures and stores nothing; captured EPCIS events are facts,
/// recorded and flagged instead.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class MassBalanceApiTests(PortalFixture portal)
{
    private async Task<HttpClient> ClientAsync() => portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));

    [Fact]
    public async Task TheLotsBalance_ShowsWhereItsMassIs()
    {
        var api = await ClientAsync();
        var (_, fabric) = await TestSupplyChain.RecordAsync(api, "mb1");

        var balance = (await (await api.GetAsync($"/api/lots/{fabric}")).ReadJsonAsync()).GetProperty("balance");
        var hamburg = Location(balance, "Hamburg port");

        // Produced 800 at Tiruppur mill (the first shipment's origin), shipped on there; Chennai port received and shipped on 800;
        // Hamburg port received 800, the batch consumed 400, 400 remain.
        Assert.Equal("Tiruppur mill", balance.GetProperty("origin").GetString());
        Assert.Equal(800m, hamburg.GetProperty("receivedKg").GetDecimal());
        Assert.Equal(400m, hamburg.GetProperty("consumedKg").GetDecimal());
        Assert.Equal(400m, hamburg.GetProperty("remainingKg").GetDecimal());
        Assert.Equal(0m, Location(balance, "Chennai port").GetProperty("remainingKg").GetDecimal());
        Assert.Equal(400m, balance.GetProperty("remainingKg").GetDecimal());
        Assert.Equal(0, balance.GetProperty("overdrawn").GetArrayLength());
    }

    [Fact]
    public async Task OverShipment_IsRefusedWithTheFigures_AndStoresNothing()
    {
        var api = await ClientAsync();
        var (tee, fabric) = await TestSupplyChain.RecordAsync(api, "mb2");
        var before = await FootprintAsync(api, tee);

        var tooMuch = await api.PutAsJsonAsync("/api/shipments/mb2-S9", TestSupplyChain.Shipment(fabric, "road", 100, "km", "2026-05-01T08:00:00+02:00", "2026-05-01T10:00:00+02:00", mass: 401));
        var eightyTonnes = await api.PutAsJsonAsync("/api/shipments/mb2-S8", TestSupplyChain.Shipment(fabric, "road", 100, "km", "2026-05-01T08:00:00+02:00", "2026-05-01T10:00:00+02:00", mass: 80000));
        var fromNowhere = await api.PutAsJsonAsync("/api/shipments/mb2-S7", TestSupplyChain.Shipment(fabric, "road", 100, "km", "2026-05-01T08:00:00+02:00", "2026-05-01T10:00:00+02:00", from: "Chennai port", mass: 1));
        var problem = await tooMuch.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Equal("application/problem+json", tooMuch.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Lot mb2-F holds 800 kg; at 'Hamburg port' 400 kg of it are already shipped on or consumed and 400 kg remain, but this shipment takes 401 kg.", problem.GetProperty("detail").GetString());
        Assert.Equal(400m, problem.GetProperty("shortfall").GetProperty("availableKg").GetDecimal());
        Assert.Equal(401m, problem.GetProperty("shortfall").GetProperty("requestedKg").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, eightyTonnes.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, fromNowhere.StatusCode);
        foreach (var id in new[] { "mb2-S9", "mb2-S8", "mb2-S7" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/shipments/{id}")).StatusCode);
        }

        Assert.Equal(3, (await (await api.GetAsync($"/api/lots/{fabric}/movements")).ReadJsonAsync()).GetArrayLength()); // S1, S2, B1 and nothing else
        Assert.Equal(before, await FootprintAsync(api, tee));
        // What does fit still goes through: exactly the 400 kg left.
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/shipments/mb2-S6", TestSupplyChain.Shipment(fabric, "road", 100, "km", "2026-05-01T08:00:00+02:00", "2026-05-01T10:00:00+02:00", mass: 400))).StatusCode);
    }

    [Fact]
    public async Task OverConsumption_AndOutputAboveInput_AreRefused_AndStoreNothing()
    {
        var api = await ClientAsync();
        var (tee, fabric) = await TestSupplyChain.RecordAsync(api, "mb3");

        // 2,001 T-shirts × 0.2 kg = 400.2 kg > the 400 kg left.
        var overConsumed = await api.PutAsJsonAsync("/api/batches/mb3-B9", new { productId = tee, inputLotIds = new[] { fabric }, quantity = 2001, producedAt = "2026-05-10T08:00:00+02:00" });
        // Declared: 300 kg in, 250 kg out + 60 kg losses = 310 kg > 300 kg.
        var outputAboveInput = await api.PutAsJsonAsync("/api/batches/mb3-B8", new { productId = tee, inputLotIds = new[] { fabric }, quantity = 1000, producedAt = "2026-05-10T08:00:00+02:00", lotUses = new[] { new { lotId = fabric, mass = 300m } }, outputMass = 250m, lossMass = 60m, massUnit = "kg" });
        var fits = await api.PutAsJsonAsync("/api/batches/mb3-B7", new { productId = tee, inputLotIds = new[] { fabric }, quantity = 1000, producedAt = "2026-05-10T08:00:00+02:00", lotUses = new[] { new { lotId = fabric, mass = 300m } }, outputMass = 250m, lossMass = 50m, massUnit = "kg" });

        Assert.Equal(HttpStatusCode.Conflict, overConsumed.StatusCode);
        Assert.Contains("this batch takes 400.2 kg", (await overConsumed.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, outputAboveInput.StatusCode);
        Assert.True((await outputAboveInput.ReadJsonAsync()).GetProperty("errors").TryGetProperty("outputMass", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/batches/mb3-B9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/batches/mb3-B8")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        // 400 − 300 = 100 kg left at Hamburg port.
        Assert.Equal(100m, Location((await (await api.GetAsync($"/api/lots/{fabric}")).ReadJsonAsync()).GetProperty("balance"), "Hamburg port").GetProperty("remainingKg").GetDecimal());
    }

    [Fact]
    public async Task ACapturedShippingEvent_ThatTakesMoreThanIsThere_IsRecorded_AndFlagged()
    {
        var api = await ClientAsync();
        var p = "mb4" + Random.Shared.Next(10_000, 99_999);
        var (tee, fabric) = await TestSupplyChain.RecordAsync(api, p);
        var lotClass = $"https://id.gs1.org/01/04012345111118/10/{p}";
        var lot = await (await api.GetAsync($"/api/lots/{fabric}")).ReadJsonAsync();
        var corrected = JsonSerializer.Deserialize<Dictionary<string, object?>>(lot.GetProperty("lot").GetRawText())!;
        corrected["epcClass"] = lotClass;
        await Ok(api.PostAsJsonAsync($"/api/lots/{fabric}/corrections", new { record = corrected, corrects = 1, reason = "GS1 identifier added" }));

        // 600 kg leave a warehouse where none of the lot is on record: a fact from a partner's system, so it is recorded and flagged.
        const string Warehouse = "urn:epc:id:sgln:4012345.00009.0";
        var shippingId = $"urn:uuid:{Guid.NewGuid()}";
        var shipping = $$$"""{"type":"ObjectEvent","eventID":"{{{shippingId}}}","eventTime":"2026-05-02T08:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","quantityList":[{"epcClass":"{{{lotClass}}}","quantity":600,"uom":"KGM"}],"sourceList":[{"type":"location","source":"{{{Warehouse}}}"}],"destinationList":[{"type":"location","destination":"urn:epc:id:sgln:4012345.00010.0"}],"esg:transportMode":"road","esg:distanceKm":290}""";
        var job = await CaptureAsync(api, Document(""",{"esg":"https://esgtrace.dev/epcis/"}""", shipping));
        var fed = Assert.Single(job.GetProperty("feed").EnumerateArray());
        var shipment = await (await api.GetAsync($"/api/shipments/{EpcisDomainFeed.DerivedId(shippingId)}")).ReadJsonAsync();
        var balance = (await (await api.GetAsync($"/api/lots/{fabric}")).ReadJsonAsync()).GetProperty("balance");
        var trace = await (await api.GetAsync($"/api/products/{tee}/traceability")).ReadJsonAsync();

        Assert.Equal("shipment", fed.GetProperty("result").GetString());
        Assert.Contains("over-consumption flagged", fed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([fabric], shipment.GetProperty("overdrawnLots").EnumerateArray().Select(l => l.GetString()));
        // The warehouse is named by its canonical GS1 Digital Link (SGLN 4012345.00009.0 → GLN 4012345000092).
        var warehouse = balance.GetProperty("locations").EnumerateArray().Single(l => l.GetProperty("remainingKg").GetDecimal() < 0);
        Assert.Contains("4012345000092", warehouse.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Equal(-600m, warehouse.GetProperty("remainingKg").GetDecimal()); // 0 there − 600
        Assert.Equal(400m, Location(balance, "Hamburg port").GetProperty("remainingKg").GetDecimal());
        Assert.Equal([warehouse.GetProperty("location").GetString()], balance.GetProperty("overdrawn").EnumerateArray().Select(l => l.GetString()));
        Assert.Contains(trace.GetProperty("result").GetProperty("flags").EnumerateArray(), f => f.GetProperty("kind").GetString() == "over-consumed");
    }

    private static JsonElement Location(JsonElement balance, string name)
        => balance.GetProperty("locations").EnumerateArray().Single(l => l.GetProperty("location").GetString() == name);

    private static async Task<decimal> FootprintAsync(HttpClient api, string tee)
        => (await (await api.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync()).GetProperty("totalKgCo2e").GetDecimal();

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
