using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests.SupplyChain;

/// <summary>
/// A supply chain recorded through the real HTTP API (portal + embedded silo + SQLite), read back as traceability and footprint.
/// The chain (TestSupplyChain): farm (cotton lot C, GOTS) → mill (fabric lot F from C, GOTS) → road 400 km and sea 15,000 km →
/// a T-shirt made in Germany from 200 g of that fabric with 0.5 kWh of process energy.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SupplyChainApiTests(PortalFixture portal)
{
    private async Task<HttpClient> ClientAsync(Role role) => portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, role));

    internal static Task<(string Tee, string Fabric)> RecordChainAsync(HttpClient api, string p) => TestSupplyChain.RecordAsync(api, p);

    [Fact]
    public async Task RecordedChain_GivesTheHandComputedFootprint_AndFullTraceability()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var (tee, _) = await RecordChainAsync(api, "t1");

        var footprint = await (await api.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync();
        var trace = await (await api.GetAsync($"/api/products/{tee}/traceability")).ReadJsonAsync();

        // materials: 200 g = 0.2 kg × 4.0 (mill's primary factor)                                   = 0.8
        // road:      0.2 kg × (S1: 0.8 t × 400 km ÷ 800 kg = 0.4 t.km/kg
        //                      + from C: S0 0.8 t × 120 km ÷ 1000 kg = 0.096) × 0.14993              = 0.014873056
        // sea S2:    0.2 kg × (0.8 t × 15000 km ÷ 800 kg = 15 t.km/kg) × 0.01266                    = 0.03798
        // energy:    0.5 kWh × 0.338 (grid.DE)                                                       = 0.169
        // total                                                                                      = 1.021853056 kg CO2e per piece
        Assert.Equal(1.021853056m, footprint.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal("kg CO2e per declared unit", footprint.GetProperty("unit").GetString());
        Assert.Equal(0.052853056m, footprint.GetProperty("byStage").GetProperty("Transport").GetDecimal());
        Assert.Equal("footprint/2.0.0", footprint.GetProperty("calculator").GetString());
        Assert.Equal("esgtrace-starter@2026.1", footprint.GetProperty("dataset").GetString());
        Assert.Equal(64, footprint.GetProperty("lineageRootSha256").GetString()!.Length);
        Assert.Equal("2026-04-10", footprint.GetProperty("reportingPeriod").GetProperty("from").GetString());
        Assert.Equal("2026-04-10", footprint.GetProperty("reportingPeriod").GetProperty("to").GetString());
        // 0.8 / 1.021853056 = 0.78289…: only the fabric term is primary data.
        Assert.Equal(0.7829m, Math.Round(footprint.GetProperty("primaryDataShare").GetDecimal(), 4));

        var result = trace.GetProperty("result");
        Assert.Equal(800m, result.GetProperty("inputMassKg").GetDecimal());
        Assert.Equal(1m, result.GetProperty("certifiedShare").GetDecimal());
        Assert.Equal(1m, result.GetProperty("traceableToOriginShare").GetDecimal());
        var fabric = result.GetProperty("tree")[0];
        Assert.Equal("CU-3003", fabric.GetProperty("certificateNumber").GetString());
        Assert.Equal("t1-C", fabric.GetProperty("inputs")[0].GetProperty("lot").GetProperty("lotId").GetString());
        Assert.Equal(0, result.GetProperty("flags").GetArrayLength());
    }

    [Fact]
    public async Task TermsAndTree_Page_WhileTheFigureAndItsLineageStayWhole()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var (tee, _) = await RecordChainAsync(api, "t11");

        var whole = await (await api.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync();
        var first = await (await api.GetAsync($"/api/products/{tee}/footprint?terms=1")).ReadJsonAsync();
        var rest = await (await api.GetAsync($"/api/products/{tee}/footprint?terms=10&termsAfter=1")).ReadJsonAsync();
        var trace = await (await api.GetAsync($"/api/products/{tee}/traceability?nodes=0")).ReadJsonAsync();
        var bad = await api.GetAsync($"/api/products/{tee}/footprint?terms=-1");

        // Four terms: the fabric, its road and sea transport, the process energy.
        Assert.Equal(4, whole.GetProperty("termCount").GetInt32());
        Assert.Equal(4, whole.GetProperty("contributions").GetArrayLength());
        Assert.Equal(1, first.GetProperty("contributions").GetArrayLength());
        Assert.Equal(3, rest.GetProperty("contributions").GetArrayLength());
        Assert.Equal(whole.GetProperty("totalKgCo2e").GetDecimal(), first.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal(whole.GetProperty("lineageRootSha256").GetString(), first.GetProperty("lineageRootSha256").GetString());
        Assert.Equal(0, trace.GetProperty("result").GetProperty("tree").GetArrayLength());
        Assert.Equal(1, trace.GetProperty("treeCount").GetInt32());
        Assert.Equal(1m, trace.GetProperty("result").GetProperty("certifiedShare").GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task AnotherShipment_RaisesTheFootprintByItsTransport_AndTheLineageRootChanges()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var (tee, fabric) = await RecordChainAsync(api, "t2");
        var before = await (await api.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync();

        await Ok(api.PutAsJsonAsync("/api/shipments/t2-S3", Shipment(fabric, "road", 100, "km", "2026-04-02T08:00:00+02:00", "2026-04-02T10:00:00+02:00")));
        var after = await (await api.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync();

        // 400 kg onward 100 km by road: + 0.2 kg × (0.4 t × 100 km ÷ 800 kg = 0.05 t.km/kg) × 0.14993 = 0.0014993
        // → 1.021853056 + 0.0014993 = 1.023352356
        Assert.Equal(1.023352356m, after.GetProperty("totalKgCo2e").GetDecimal());
        Assert.NotEqual(before.GetProperty("lineageRootSha256").GetString(), after.GetProperty("lineageRootSha256").GetString());
    }

    [Fact]
    public async Task RetriedWrites_AreIdempotent_AndADifferentRecordUnderTheSameIdConflicts()
    {
        var api = await ClientAsync(Role.SupplyChain);
        await RecordChainAsync(api, "t3");

        var again = await api.PutAsJsonAsync("/api/shipments/t3-S1", TestSupplyChain.S1("t3-F"));
        var different = await api.PutAsJsonAsync("/api/shipments/t3-S1", Shipment("t3-F", "road", 999, "km", "2026-03-02T08:00:00+05:30", "2026-03-02T20:00:00+05:30", "Tiruppur mill", "Chennai port", 800m));
        var shipment = await (await api.GetAsync("/api/shipments/t3-S1")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Equal(1, shipment.GetProperty("version").GetInt64());
        Assert.Equal(400m, shipment.GetProperty("distanceKm").GetDecimal());
    }

    [Fact]
    public async Task Correction_IsANewEventNamingTheOneItCorrects_AndTheFootprintFollowsIt()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var (tee, fabric) = await RecordChainAsync(api, "t4");

        var corrected = await api.PostAsJsonAsync("/api/shipments/t4-S2/corrections", new
        {
            record = TestSupplyChain.S2(fabric, 14000),
            corrects = 1,
            reason = "Distance re-measured on the actual route",
        });
        var view = await corrected.ReadJsonAsync();
        var footprint = await (await api.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(2, view.GetProperty("version").GetInt64());
        Assert.Equal(2, view.GetProperty("correctedVersion").GetInt64());
        // sea term: 0.2 kg × (0.8 t × 14000 km ÷ 800 kg = 14 t.km/kg) × 0.01266 = 0.035448 instead of 0.03798
        // → 1.021853056 − 0.002532 = 1.019321056
        Assert.Equal(1.019321056m, footprint.GetProperty("totalKgCo2e").GetDecimal());
    }

    [Fact]
    public async Task LotCorrection_ChangesTheFactor_AndABadCorrectionIsRefused()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var (tee, fabric) = await RecordChainAsync(api, "t10");

        var bad = await api.PostAsJsonAsync($"/api/lots/{fabric}/corrections", new { record = Lot("t10", "cotton fabric", 0.8m, "t", "mill", 4.5m, ["t10-C"]), corrects = 99, reason = "typo" });
        var good = await api.PostAsJsonAsync($"/api/lots/{fabric}/corrections", new { record = Lot("t10", "cotton fabric", 0.8m, "t", "mill", 4.5m, ["t10-C"]), corrects = 1, reason = "Mill's verified PCF replaces its estimate" });
        var footprint = await (await api.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        // materials now 0.2 kg × 4.5 = 0.9 instead of 0.8: 1.021853056 + 0.1 = 1.121853056
        Assert.Equal(1.121853056m, footprint.GetProperty("totalKgCo2e").GetDecimal());
    }

    public static TheoryData<string, string, object, string> BadInputs => new()
    {
        { "negative quantity", "/api/lots/bad-neg", Lot("t9", "cotton fabric", -5, "kg", "mill", 1m, []), "quantity" },
        { "unknown unit", "/api/lots/bad-unit", Lot("t9", "cotton fabric", 5, "stone", "mill", 1m, []), "unit" },
        { "unknown supplier", "/api/lots/bad-supplier", Lot("nobody", "cotton fabric", 5, "kg", "farm", 1m, []), "supplierId" },
        { "arrives before it left", "/api/shipments/bad-time", Shipment("t9-F", "road", 10, "km", "2026-03-02T08:00:00+05:30", "2026-03-02T07:00:00+05:30"), "arrivedAt" },
        { "unknown lot", "/api/shipments/bad-lot", Shipment("no-such-lot", "road", 10, "km", "2026-03-02T08:00:00+05:30", "2026-03-02T09:00:00+05:30"), "lotIds" },
        { "energy in kg", "/api/products/bad-energy", new { name = "x", declaredUnit = "1 piece", bom = new[] { new { kind = "material", @ref = "cotton fabric", quantity = 1m, unit = "kg" } }, processEnergy = 1m, processEnergyUnit = "kg", gridFactorId = "grid.DE" }, "processEnergyUnit" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_Is400WithTheField_AndStoresNothing(string because, string url, object body, string field)
    {
        var api = await ClientAsync(Role.SupplyChain);
        await RecordChainAsync(api, "t9");

        var response = await api.PutAsJsonAsync(url, body);
        var problem = await response.ReadJsonAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{because}: expected an error on '{field}' in {problem}");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task BomCycle_IsRefused_AndTheProductKeepsItsDefinition()
    {
        var api = await ClientAsync(Role.SupplyChain);
        await Ok(api.PutAsJsonAsync("/api/products/cyc-b", new { name = "B", declaredUnit = "1 piece", bom = new[] { new { kind = "material", @ref = "thread", quantity = 1m, unit = "g" } } }));
        await Ok(api.PutAsJsonAsync("/api/products/cyc-a", new { name = "A", declaredUnit = "1 piece", bom = new[] { new { kind = "sub-product", @ref = "cyc-b", quantity = 2m, unit = "piece" } } }));

        var cycle = await api.PutAsJsonAsync("/api/products/cyc-b", new { name = "B", declaredUnit = "1 piece", bom = new[] { new { kind = "sub-product", @ref = "cyc-a", quantity = 1m, unit = "piece" } } });
        var b = await (await api.GetAsync("/api/products/cyc-b")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Contains("cyc-b → cyc-a → cyc-b", (await cycle.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, b.GetProperty("version").GetInt64());
        Assert.Equal("thread", b.GetProperty("product").GetProperty("bom")[0].GetProperty("ref").GetString());
    }

    [Fact]
    public async Task Roles_MarketingReadsFigures_ButCannotRecord()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var (tee, _) = await RecordChainAsync(api, "t5");
        var marketing = await ClientAsync(Role.Marketing);

        Assert.Equal(HttpStatusCode.OK, (await marketing.GetAsync($"/api/products/{tee}/footprint")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.PutAsJsonAsync("/api/suppliers/t5-x", new { name = "X", country = "IN", tier = 1 })).StatusCode);
    }

    [Theory]
    [InlineData(Role.Marketing)]
    [InlineData(Role.It)]
    public async Task Roles_FiguresRolesReadTheShares_ButNoSupplierRecords(Role role)
    {
        var api = await ClientAsync(Role.SupplyChain);
        var p = "t5" + role.ToString()[..2].ToLowerInvariant();
        var (tee, fabric) = await RecordChainAsync(api, p);
        var reader = await ClientAsync(role);

        // Each of these answered 200 to marketing and it before (the pages denied them, the API did not).
        foreach (var path in new[] { "/api/suppliers", $"/api/suppliers/{p}-farm", "/api/lots", $"/api/lots/{fabric}", $"/api/lots/{fabric}/movements", "/api/shipments", $"/api/shipments/{p}-S1", $"/api/batches/{p}-B1", $"/api/batches/{p}-B1/traceability", "/events", $"/epcs/{Uri.EscapeDataString("urn:epc:id:sgtin:4012345.011111.1")}/events", $"/api/products/{tee}/traceability?format=csv" })
        {
            var refused = await reader.GetAsync(path);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        var shares = (await (await reader.GetAsync($"/api/products/{tee}/traceability")).ReadJsonAsync()).GetProperty("result");
        var full = (await (await api.GetAsync($"/api/products/{tee}/traceability")).ReadJsonAsync()).GetProperty("result");
        Assert.Equal(full.GetProperty("certifiedShare").GetDecimal(), shares.GetProperty("certifiedShare").GetDecimal());
        Assert.NotEqual(0, full.GetProperty("tree").GetArrayLength());
        Assert.Equal(0, shares.GetProperty("tree").GetArrayLength());
        Assert.Equal(0, shares.GetProperty("suppliers").GetArrayLength());
        Assert.DoesNotContain("Kaveri", shares.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Kaveri", full.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/products/{tee}/lineage")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/products")).StatusCode);
    }

    [Fact]
    public async Task Traceability_ExportsAsCsv_OneRowPerLot()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var (tee, _) = await RecordChainAsync(api, "t6");

        var csv = await api.GetStringAsync($"/api/products/{tee}/traceability?format=csv");

        var lines = csv.TrimEnd().Split("\r\n");
        Assert.Equal("depth,lot,material,mass_kg,supplier,tier,origin_country,certification_scheme,certified,certificate,recycled_share,traceable_to_origin,flags", lines[0]);
        Assert.Equal("1,t6-F,cotton fabric,800,Tiruppur Weaving Mill,2,IN,GOTS,yes,CU-3003,0,yes,", lines[1]);
        Assert.StartsWith("2,t6-C,organic cotton fibre,1000,Kaveri Organic Farm,4,IN,GOTS,yes,CU-1001", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traceability_Csv_NeutralisesFormulaCells()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var (tee, _) = await RecordChainAsync(api, "t6f");
        (await api.PutAsJsonAsync("/api/suppliers/t6f-farm?reason=test", new { name = "=HYPERLINK(\"http://x\",\"y\")", country = "IN", tier = 4 })).EnsureSuccessStatusCode();
        var cotton = TestSupplyChain.Lot("t6f", "+SUM(1)", 1000, "kg", "farm", 1.5m, []);
        (await api.PostAsJsonAsync("/api/lots/t6f-C/corrections", new { record = cotton, corrects = 1, reason = "material name" })).EnsureSuccessStatusCode();

        var response = await api.GetAsync($"/api/products/{tee}/traceability?format=csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var cotton2 = csv.TrimEnd().Split("\r\n").Single(l => l.StartsWith("2,t6f-C,", StringComparison.Ordinal));
        Assert.StartsWith("2,t6f-C,\"'+SUM(1)\",1000,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",4,IN,GOTS,", cotton2, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",+", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shipments_FilterByModeAndByLot_EachInTimeOrder()
    {
        var api = await ClientAsync(Role.SupplyChain);
        await RecordChainAsync(api, "t7");

        var byLot = await (await api.GetAsync("/api/shipments?lot=t7-F")).ReadJsonAsync();
        var sea = await (await api.GetAsync("/api/shipments?mode=sea&pageSize=500")).ReadJsonAsync();
        var bad = await api.GetAsync("/api/shipments?mode=teleport");

        Assert.Equal(["t7-S1", "t7-S2"], byLot.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Contains(sea.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "t7-S2");
        Assert.All(sea.GetProperty("items").EnumerateArray(), i => Assert.Equal("sea", i.GetProperty("mode").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task NewFactorVersion_GivesANewResult_AndTheOldOneStaysReproducible()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var (tee, _) = await RecordChainAsync(api, "t8");
        var catalog = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync("/api/factor-datasets/starter"))!;
        catalog["dataset"]!["version"] = "2026.2-t8";
        var road = catalog["dataset"]!["factors"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == "transport.road.hgv-average")!;
        road["kgCo2ePerUnit"] = 0.2m;

        var imported = await api.PostAsync("/api/factor-datasets", new StringContent(catalog.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var reimportChanged = await api.PostAsync("/api/factor-datasets", new StringContent(catalog.ToJsonString().Replace("0.2", "0.3", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));
        var v2 = await (await api.GetAsync($"/api/products/{tee}/footprint?dataset=esgtrace-starter@2026.2-t8")).ReadJsonAsync();
        var v1 = await (await api.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync();
        var unknown = await api.GetAsync($"/api/products/{tee}/footprint?dataset=esgtrace-starter@1999.1");

        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, reimportChanged.StatusCode);
        // Road with 0.2 instead of 0.14993: 0.2 kg × 0.496 t.km/kg × 0.2 = 0.01984; 1.021853056 − 0.014873056 + 0.01984 = 1.02682
        Assert.Equal(1.02682m, v2.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal("esgtrace-starter@2026.2-t8", v2.GetProperty("dataset").GetString());
        Assert.Equal(1.021853056m, v1.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal("esgtrace-starter@2026.1", v1.GetProperty("dataset").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static object Lot(string p, string material, decimal quantity, string unit, string supplier, decimal kgPerKg, string[] inputs) => TestSupplyChain.Lot(p, material, quantity, unit, supplier, kgPerKg, inputs);

    internal static object Shipment(string lot, string mode, decimal distance, string unit, string departed, string arrived, string from = "Hamburg port", string to = "Berlin plant", decimal mass = TestSupplyChain.FabricKgAtHamburg)
        => TestSupplyChain.Shipment(lot, mode, distance, unit, departed, arrived, from, to, mass);

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
