using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Pact;
using EsgTrace.Testing;
using Xunit;
using Xunit.Abstractions;

namespace EsgTrace.Portal.Tests.Pact;

/// <summary>
/// Two EsgTrace hosts on real Kestrel ports, a brand and its fabric mill, each registered as the other's PACT partner.
/// The brand asks the mill for its fabric's footprint while the mill is down (the delivery fails, and is delivered once
/// the mill is back); the request waits at the mill (the product exists, its footprint does not yet); the mill's
/// supply-chain user records the batch and fulfils the request; the brand receives the callback, fetches the footprint
/// with a token from the mill's auth endpoint, checks it and offers it for review; supply chain accepts it, and the tee's
/// footprint changes by the amount worked out below. A newer footprint at the mill is published and offered again.
/// </summary>
public sealed class PactInteropTests(ITestOutputHelper output)
{
    private const string FabricGtin = "4012345000023";

    [Fact]
    public async Task BrandRequests_MillAnswers_BrandFetchesAndAccepts_TheTeeFootprintChangesByHand_AndANewerVersionIsOfferedAgain()
    {
        using var brandDir = new TempDirectory();
        using var millDir = new TempDirectory();
        var fast = new Dictionary<string, string?>
        {
            ["Demo:SeedSupplyChain"] = "false",
            ["Pact:PollSeconds"] = "0.2",
            ["Pact:RetryBaseSeconds"] = "0.2",
            ["Pact:RetryMaxSeconds"] = "1",
        };
        var millPort = PortalHost.FreePort();
        var millSettings = new Dictionary<string, string?>(fast) { ["Urls"] = $"http://127.0.0.1:{millPort}" };
        using var brand = new PortalHost(brandDir.Path, fast);
        var mill = new PortalHost(millDir.Path, millSettings);
        try
        {
            var brandChain = brand.CreateApiClient(await ApiTestSupport.IssueKeyAsync(brand, Role.SupplyChain));
            var brandAdmin = brand.CreateApiClient(await ApiTestSupport.IssueKeyAsync(brand, Role.Admin));
            var millKeyOnBrand = await ApiTestSupport.IssueKeyAsync(brand, Role.Auditor, "the mill, as PACT partner");
            var millChainKey = await ApiTestSupport.IssueKeyAsync(mill, Role.SupplyChain);
            var brandKeyOnMill = await ApiTestSupport.IssueKeyAsync(mill, Role.Auditor, "the brand, as PACT partner");
            var millAdmin = mill.CreateApiClient(await ApiTestSupport.IssueKeyAsync(mill, Role.Admin));

            // Each registers the other: the key it is called with, the other's host, and the credentials to call it.
            await PactV3Fixture.Ok(brandAdmin.PutAsJsonAsync("/api/admin/pact-partners/mill", new
            {
                name = "Tiruppur Weaving Mill",
                apiKeyId = millKeyOnBrand.Split('_')[1],
                baseUrl = mill.BaseAddress.AbsoluteUri,
                clientId = brandKeyOnMill.Split('_')[1],
                clientSecret = brandKeyOnMill,
                supplierId = "br-mill",
            }));
            await PactV3Fixture.Ok(millAdmin.PutAsJsonAsync("/api/admin/pact-partners/brand", new
            {
                name = "The brand",
                apiKeyId = brandKeyOnMill.Split('_')[1],
                baseUrl = brand.BaseAddress.AbsoluteUri,
                tokenEndpoint = new Uri(brand.BaseAddress, "/auth/token").AbsoluteUri,
                clientId = millKeyOnBrand.Split('_')[1],
                clientSecret = millKeyOnBrand,
            }));

            // The mill's fabric: 1.25 kg of fibre (primary 1.5 kg CO2e/kg) + 2 kWh (grid.DE 0.338) per kg; no batch yet.
            var millChain = mill.CreateApiClient(millChainKey);
            await PactV3Fixture.Ok(millChain.PutAsJsonAsync("/api/suppliers/m-farm", new { name = "Kaveri Organic Farm", country = "IN", tier = 2 }));
            await PactV3Fixture.Ok(millChain.PutAsJsonAsync("/api/lots/m-C", new
            {
                material = "organic cotton fibre", quantity = 2000m, unit = "kg", supplierId = "m-farm", originCountry = "IN", recycledShare = 0m, site = "Tiruppur mill",
                factor = new { kind = "primary", kgCo2ePerUnit = 1.5m, perUnit = "kg", source = "farm PCF 2026 (test data)" }, inputLotIds = Array.Empty<string>(),
            }));
            await PactV3Fixture.Ok(millChain.PutAsJsonAsync("/api/products/m-fabric", Fabric(2m)));

            // The brand's chain: the tee of TestSupplyChain, 1.021853056 kg CO2e per piece with the mill's estimate of 4.0 kg CO2e/kg.
            var (tee, fabricLot) = await TestSupplyChain.RecordAsync(brandChain, "br");
            var before = (await (await brandChain.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync()).GetProperty("totalKgCo2e").GetDecimal();
            Assert.Equal(TestSupplyChain.TeeKgCo2e, before);

            // The mill goes down; the brand's request cannot be delivered.
            mill.Dispose();
            var requested = await brandChain.PostAsJsonAsync("/api/pact/requests", new { partnerId = "mill", lotId = fabricLot, productIds = new[] { $"urn:gtin:{FabricGtin}" }, comment = "Your 2026 PCF, please." });
            Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
            var requestId = (await requested.ReadJsonAsync()).GetProperty("request").GetProperty("eventId").GetString()!;
            var failing = await WaitAsync(brandChain, "/api/pact/deliveries", r => Item(r).GetProperty("id").GetString() == requestId
                && Item(r).GetProperty("attempts").GetInt32() >= 2 && Item(r).GetProperty("status").GetString() == "pending");
            output.WriteLine("while the mill is down: " + failing.GetRawText());

            // Back on its port, with its data: the owed RequestCreated is delivered.
            mill = new PortalHost(millDir.Path, millSettings);
            millChain = mill.CreateApiClient(millChainKey);
            var delivered = await WaitAsync(brandChain, "/api/pact/deliveries", r => Item(r).GetProperty("id").GetString() == requestId && Item(r).GetProperty("status").GetString() == "done");
            Assert.Equal("200", Item(delivered).GetProperty("lastOutcome").GetString());

            // At the mill the request waits: the fabric is known, its footprint is not (no batch).
            var waiting = await WaitAsync(millChain, "/api/pact/inbound-requests", r => r.GetProperty("request").GetProperty("eventId").GetString() == requestId);
            Assert.Equal("waiting", waiting.GetProperty("status").GetString());
            await PactV3Fixture.Ok(millChain.PutAsJsonAsync("/api/batches/m-B1", new { productId = "m-fabric", inputLotIds = new[] { "m-C" }, quantity = 400, producedAt = "2026-03-01T08:00:00+05:30" }));
            var millFootprint = (await (await millChain.GetAsync($"/3/footprints?productId=urn:gtin:{FabricGtin}")).ReadJsonAsync()).GetProperty("data").EnumerateArray().Single();
            var footprintId = millFootprint.GetProperty("id").GetString()!;
            // 1.25 kg × 1.5 + 2 kWh × 0.338 = 1.875 + 0.676 = 2.551 kg CO2e per kg.
            Assert.Equal("2.551", millFootprint.GetProperty("pcf").GetProperty("pcfExcludingBiogenicUptake").GetString());
            var fulfilled = await millChain.PostAsJsonAsync($"/api/pact/inbound-requests/{waiting.GetProperty("request").GetProperty("id").GetString()}/fulfil", new { footprintIds = new[] { footprintId } });
            Assert.Equal(HttpStatusCode.OK, fulfilled.StatusCode);
            // A second answer to the same request is refused.
            Assert.Equal(HttpStatusCode.Conflict, (await millChain.PostAsJsonAsync($"/api/pact/inbound-requests/{waiting.GetProperty("request").GetProperty("id").GetString()}/reject", new { reason = "changed my mind" })).StatusCode);

            // The brand got the callback, fetched the document from the mill and offers it for the lot.
            var offer = await WaitAsync(brandChain, "/api/pact/received", r => r.GetProperty("footprintId").GetString() == footprintId && r.GetProperty("status").GetString() == "offered");
            var document = offer.GetProperty("document").GetString()!;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document))), offer.GetProperty("sha256").GetString());
            Assert.Equal(fabricLot, offer.GetProperty("lotId").GetString());
            Assert.Empty(PactV3Rules.Check(JsonDocument.Parse(document).RootElement));
            var request = (await (await brandChain.GetAsync("/api/pact/requests")).ReadJsonAsync()).GetProperty("items").EnumerateArray().Single(r => r.GetProperty("request").GetProperty("eventId").GetString() == requestId);
            Assert.Equal("fulfilled", request.GetProperty("status").GetString());

            var accepted = await brandChain.PostAsJsonAsync($"/api/pact/received/mill/{footprintId}/accept", new { });
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal("accepted", (await accepted.ReadJsonAsync()).GetProperty("status").GetString());

            // The tee: 0.2 kg of fabric per piece, its factor 4.0 → 2.551 kg CO2e/kg:
            // 1.021853056 + 0.2 × (2.551 − 4.0) = 1.021853056 − 0.2898 = 0.732053056 kg CO2e per piece.
            var after = await (await brandChain.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync();
            Assert.Equal(0.732053056m, after.GetProperty("totalKgCo2e").GetDecimal());
            var lot = await (await brandChain.GetAsync($"/api/lots/{fabricLot}")).ReadJsonAsync();
            var source = lot.GetProperty("lot").GetProperty("factor").GetProperty("source").GetString()!;
            Assert.Equal(2.551m, lot.GetProperty("lot").GetProperty("factor").GetProperty("kgCo2ePerUnit").GetDecimal());
            Assert.Contains($"PACT ProductFootprint {footprintId} version 1 (spec 3.0.0)", source, StringComparison.Ordinal);
            Assert.Contains("Tiruppur Weaving Mill (mill)", source, StringComparison.Ordinal);
            Assert.Contains(offer.GetProperty("sha256").GetString()!, source, StringComparison.Ordinal);
            var lineage = await (await brandChain.GetAsync($"/api/products/{tee}/lineage")).Content.ReadAsStringAsync();
            Assert.Contains(offer.GetProperty("sha256").GetString()!, lineage, StringComparison.Ordinal);

            // The mill's fabric changes (3 kWh per kg): a new footprint, published to the brand, offered again for the same lot.
            await PactV3Fixture.Ok(millChain.PutAsJsonAsync("/api/products/m-fabric", Fabric(3m)));
            var newer = (await (await millChain.GetAsync($"/3/footprints?productId=urn:gtin:{FabricGtin}&status=Active")).ReadJsonAsync()).GetProperty("data").EnumerateArray().Single();
            Assert.NotEqual(footprintId, newer.GetProperty("id").GetString());
            var again = await WaitAsync(brandChain, "/api/pact/received", r => r.GetProperty("footprintId").GetString() == newer.GetProperty("id").GetString() && r.GetProperty("status").GetString() == "offered");
            Assert.Equal(fabricLot, again.GetProperty("lotId").GetString());
            Assert.Equal(footprintId, again.GetProperty("supersedes").GetString());
        }
        finally
        {
            mill.Dispose();
        }
    }

    private static object Fabric(decimal kWh) => new
    {
        name = "Organic cotton fabric",
        gtin = FabricGtin,
        declaredUnit = "1 kg",
        bom = new[] { new { kind = "material", @ref = "organic cotton fibre", quantity = 1.25m, unit = "kg" } },
        processEnergy = kWh,
        processEnergyUnit = "kWh",
        gridFactorId = "grid.DE",
    };

    private static JsonElement Item(JsonElement row) => row.GetProperty("item");

    /// <summary>Reads a listing ({items}) until a row matches, for up to 60 s.</summary>
    private static async Task<JsonElement> WaitAsync(HttpClient client, string path, Func<JsonElement, bool> match)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        string last = string.Empty;
        while (DateTime.UtcNow < until)
        {
            var answer = await client.GetAsync(path);
            last = await answer.Content.ReadAsStringAsync();
            if (answer.IsSuccessStatusCode && JsonDocument.Parse(last).RootElement.GetProperty("items").EnumerateArray().Where(match).ToList() is [var found, ..])
            {
                return found.Clone();
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"{path} never showed the row; last answer: {last}");
    }
}
