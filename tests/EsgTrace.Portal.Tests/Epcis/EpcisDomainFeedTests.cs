using EsgTrace.Gs1;
using System.Net.Http.Json;
using EsgTrace.Accounts;
using EsgTrace.Epcis;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>
/// Captured events feed the supply chain: a TransformationEvent becomes a production batch, a shipping ObjectEvent a
/// shipment (its certificationInfo links the certificate to the lot), and an error declaration withdraws what its event
/// fed while the event stays queryable. Footprints worked out by hand with the figures of SupplyChainApiTests:
/// fabric 200 g × 4.0 kg CO2e/kg = 0.8; process energy 0.5 kWh × 0.338 (grid.DE) = 0.169;
/// road 0.0002 t × 400 km × 0.14993 kg CO2e/t·km = 0.0119944.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EpcisDomainFeedTests(PortalFixture portal)
{
    private const string Context = """,{"esg":"https://esgtrace.dev/epcis/"}""";

    [Fact]
    public async Task Transformation_Shipping_AndErrorDeclaration_MoveTheFootprint()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var p = "ep" + Random.Shared.Next(10_000, 99_999);
        var lotClass = $"https://id.gs1.org/01/04012345111118/10/{p}F";
        var gtin12 = "40123459" + Random.Shared.Next(1000, 9999);
        var gtin = gtin12 + DigitalLink.CheckDigit(gtin12);
        await Ok(api.PutAsJsonAsync($"/api/suppliers/{p}-mill", new { name = "Tiruppur Weaving Mill", country = "IN", tier = 2 }));
        await Ok(api.PutAsJsonAsync($"/api/lots/{p}-F", new
        {
            material = "cotton fabric", quantity = 0.8m, unit = "t", supplierId = $"{p}-mill", originCountry = "IN", certificationScheme = "GOTS", recycledShare = 0m,
            factor = new { kind = "primary", kgCo2ePerUnit = 4.0m, perUnit = "kg", source = "mill PCF 2026" }, inputLotIds = Array.Empty<string>(), epcClass = lotClass,
        }));
        await Ok(api.PutAsJsonAsync($"/api/products/{p}-tee", new
        {
            name = "Organic tee", gtin, declaredUnit = "1 piece",
            bom = new[] { new { kind = "material", @ref = "cotton fabric", quantity = 200m, unit = "g" } },
            processEnergy = 0.5m, processEnergyUnit = "kWh", gridFactorId = "grid.DE",
        }));

        var transformationId = $"urn:uuid:{Guid.NewGuid()}";
        var transformation = $$$"""{"type":"TransformationEvent","eventID":"{{{transformationId}}}","eventTime":"2026-04-10T08:00:00+02:00","eventTimeZoneOffset":"+02:00","inputQuantityList":[{"epcClass":"{{{lotClass}}}","quantity":800,"uom":"KGM"}],"outputQuantityList":[{"epcClass":"https://id.gs1.org/01/0{{{gtin}}}/10/B1","quantity":4000}],"bizStep":"commissioning","readPoint":{"id":"urn:epc:id:sgln:4012345.00002.0"}}""";
        var job = await CaptureAsync(api, Document(Context, transformation));
        var fed = Assert.Single(job.GetProperty("feed").EnumerateArray());
        Assert.Equal("batch", fed.GetProperty("result").GetString());
        Assert.Equal(0.969m, await FootprintAsync(api, $"{p}-tee"));

        var shippingId = $"urn:uuid:{Guid.NewGuid()}";
        var shippingFields = "\"type\":\"ObjectEvent\"," + $$$"""
            "eventTime":"2026-03-02T08:00:00+05:30","eventTimeZoneOffset":"+05:30","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","quantityList":[{"epcClass":"{{{lotClass}}}","quantity":800,"uom":"KGM"}],"readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"sourceList":[{"type":"location","source":"urn:epc:id:sgln:4012345.00001.0"}],"destinationList":[{"type":"location","destination":"urn:epc:id:sgln:4012345.00002.0"}],"certificationInfo":"https://certificates.example.org/gots/CU-3003","esg:transportMode":"road","esg:arrivalTime":"2026-03-02T20:00:00+05:30","esg:distanceKm":400
            """;
        job = await CaptureAsync(api, Document(Context, $$$"""{"eventID":"{{{shippingId}}}",{{{shippingFields}}}}"""));
        var outcomes = job.GetProperty("feed").EnumerateArray().Select(o => o.GetProperty("result").GetString()).ToList();
        Assert.Equal(["shipment", "certificate"], outcomes);
        var shipment = await (await api.GetAsync($"/api/shipments/{EpcisDomainFeed.DerivedId(shippingId)}")).ReadJsonAsync();
        Assert.Equal(400m, shipment.GetProperty("distanceKm").GetDecimal());
        Assert.Equal(0.8m, shipment.GetProperty("massTonnes").GetDecimal());
        Assert.Equal(0.9809944m, await FootprintAsync(api, $"{p}-tee"));
        var lot = await (await api.GetAsync($"/api/lots/{p}-F")).ReadJsonAsync();
        Assert.Equal("https://certificates.example.org/gots/CU-3003", lot.GetProperty("certificationLinks")[0].GetProperty("certificate").GetString());

        // The shipment was recorded against the wrong lot: declare the event erroneous.
        var declaration = $$$"""{"eventID":"{{{shippingId}}}",{{{shippingFields}}},"errorDeclaration":{"declarationTime":"2026-03-05T09:00:00Z","reason":"incorrect_data"}}""";
        job = await CaptureAsync(api, Document(Context, declaration));
        Assert.Equal(1, job.GetProperty("errorDeclarations").GetInt32());
        Assert.Equal("retracted", job.GetProperty("feed")[0].GetProperty("result").GetString());
        Assert.Equal(0.969m, await FootprintAsync(api, $"{p}-tee"));
        lot = await (await api.GetAsync($"/api/lots/{p}-F")).ReadJsonAsync();
        Assert.Equal(0, lot.GetProperty("certificationLinks").GetArrayLength());
        var withdrawn = await (await api.GetAsync($"/api/shipments/{EpcisDomainFeed.DerivedId(shippingId)}")).ReadJsonAsync();
        Assert.Contains("declared erroneous", withdrawn.GetProperty("withdrawnReason").GetString(), StringComparison.Ordinal);

        var declared = Assert.Single(await QueryAsync(api, $"/events?MATCH_epcClass={Uri.EscapeDataString(lotClass)}&EXISTS_errorDeclaration"));
        Assert.Equal(shippingId, declared.GetProperty("eventID").GetString());
        Assert.Equal("incorrect_data", declared.GetProperty("errorDeclaration").GetProperty("reason").GetString());
        Assert.Equal(2, (await QueryAsync(api, $"/events?MATCH_anyEPCClass={Uri.EscapeDataString(lotClass)}")).Count);
    }

    [Fact]
    public async Task ShippingEventWithoutDistance_IsStored_ButSaysWhyItFedNoShipment()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var p = "eq" + Random.Shared.Next(10_000, 99_999);
        var lotClass = $"https://id.gs1.org/01/04012345111118/10/{p}F";
        await Ok(api.PutAsJsonAsync($"/api/suppliers/{p}-mill", new { name = "Mill", country = "IN", tier = 2 }));
        await Ok(api.PutAsJsonAsync($"/api/lots/{p}-F", new
        {
            material = "cotton fabric", quantity = 1m, unit = "t", supplierId = $"{p}-mill", recycledShare = 0m,
            factor = new { kind = "primary", kgCo2ePerUnit = 4.0m, perUnit = "kg", source = "mill PCF" }, inputLotIds = Array.Empty<string>(), epcClass = lotClass,
        }));

        var job = await CaptureAsync(api, Document(string.Empty, $$$"""{"type":"ObjectEvent","eventTime":"2026-03-02T08:00:00Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","bizStep":"shipping","quantityList":[{"epcClass":"{{{lotClass}}}","quantity":10,"uom":"KGM"}]}"""));

        Assert.Equal(1, job.GetProperty("stored").GetInt32());
        var outcome = job.GetProperty("feed")[0];
        Assert.Equal("not-fed", outcome.GetProperty("result").GetString());
        Assert.Contains("distanceKm", outcome.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await (await api.GetAsync($"/api/shipments?lot={p}-F")).ReadJsonAsync()).GetProperty("items").EnumerateArray());
    }

    private static async Task<decimal> FootprintAsync(HttpClient api, string product)
        => (await (await api.GetAsync($"/api/products/{product}/footprint")).ReadJsonAsync()).GetProperty("totalKgCo2e").GetDecimal();

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
