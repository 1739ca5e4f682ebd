using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Audit;
using EsgTrace.Pact;
using EsgTrace.Portal.Tests.SupplyChain;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Pact;

/// <summary>
/// PACT v2 conformance cases (tests/data/pact, from the PACT conformance suite): token with valid and invalid
/// credentials, footprint by id and list, paging by Link rel="next", invalid tokens, unknown id, events; our
/// ProductFootprints checked against the specification's field rules; a supplier footprint imported as a lot's factor.
/// Figures by hand for the chain of SupplyChainApiTests (1.021853056 kg CO2e per 200 g T-shirt).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PactApiTests(PortalFixture portal)
{
    private async Task<(HttpClient Pact, string Key)> PactClientAsync()
    {
        var key = await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor, "pact partner");
        var client = portal.Host.CreateApiClient();
        var token = await TokenAsync(client, key.Split('_')[1], key);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var body = await token.ReadJsonAsync();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        return (client, key);
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string id, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        return client.SendAsync(request);
    }

    [Fact]
    public async Task AToken_DiesAtOnce_WhenItsKeyIsRevoked()
    {
        var (pact, key) = await PactClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await pact.GetAsync("/2/footprints")).StatusCode);

        var revoked = await portal.Host.Services.GetRequiredService<EsgTrace.Portal.Services.AccountService>().RevokeApiKeyAsync(key.Split('_')[1], "test");

        Assert.True(revoked.IsOk, revoked.Problem?.Detail);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pact.GetAsync("/2/footprints")).StatusCode);
    }

    [Fact]
    public async Task Conformance_Token_Get_List_Paging_InvalidToken_UnknownId()
    {
        var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var (tee, _) = await SupplyChainApiTests.RecordChainAsync(supply, "pact" + Random.Shared.Next(1000, 9999));
        var (pact, key) = await PactClientAsync();

        // #2: invalid credentials.
        var bad = await TokenAsync(portal.Host.CreateApiClient(), key.Split('_')[1], key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("invalid_client", (await bad.ReadJsonAsync()).GetProperty("error").GetString());

        // #4 and #5: list everything a page of one at a time, following Link rel="next".
        var all = new List<JsonElement>();
        var url = "/2/footprints?limit=1";
        while (url is not null)
        {
            var page = await pact.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var data = (await page.ReadJsonAsync()).GetProperty("data").EnumerateArray().ToList();
            Assert.True(data.Count <= 1);
            all.AddRange(data);
            url = page.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
            Assert.True(url is null || url.StartsWith("http://", StringComparison.Ordinal), "the next link is absolute");
        }

        Assert.Equal(all.Count, all.Select(f => f.GetProperty("id").GetString()).Distinct().Count());
        var mine = all.Single(f => f.GetProperty("productIds").EnumerateArray().Any(i => i.GetString() == $"urn:esgtrace:product:{tee}"));
        Assert.All(all, f => Assert.Empty(PactFieldRules.Check(f)));

        // #3: by id; the figures by hand: 1.021853056 kg CO2e per piece ÷ 0.2 kg per piece = 5.10926528 kg CO2e/kg;
        // primary data: the mill's 0.8 of 1.021853056 = 78.29 %.
        var id = mine.GetProperty("id").GetString()!;
        var one = (await (await pact.GetAsync($"/2/footprints/{id}")).ReadJsonAsync()).GetProperty("data");
        var pcf = one.GetProperty("pcf");
        Assert.Equal("kilogram", pcf.GetProperty("declaredUnit").GetString());
        Assert.Equal("0.2", pcf.GetProperty("unitaryProductAmount").GetString());
        Assert.Equal("5.109265", pcf.GetProperty("pCfExcludingBiogenic").GetString());
        Assert.Equal(78.29m, pcf.GetProperty("primaryDataShare").GetDecimal());
        Assert.Equal("2026-04-10T00:00:00Z", pcf.GetProperty("referencePeriodStart").GetString());
        Assert.Equal("Active", one.GetProperty("status").GetString());

        // #6, #7, #8.
        var forged = portal.Host.CreateApiClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "invalid-access-token");
        var invalidList = await forged.GetAsync("/2/footprints");
        Assert.Equal(HttpStatusCode.Unauthorized, invalidList.StatusCode);
        Assert.Equal("BadRequest", (await invalidList.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync($"/2/footprints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.Host.CreateApiClient().GetAsync("/2/footprints")).StatusCode);
        var unknown = await pact.GetAsync("/2/footprints/non-existent-id");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("NoSuchFootprint", (await unknown.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Conformance_Events_AcceptedWithAToken_RefusedWithout()
    {
        var (pact, _) = await PactClientAsync();
        var request = """{"specversion":"1.0","id":"test-run-id-12345","source":"https://webhook.example.com","time":"2023-05-19T10:30:00Z","type":"org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1","data":{"pf":{"productIds":["urn:gtin:1234567890123"]},"comment":"Please send PCF data for this year."}}""";
        var published = """{"type":"org.wbcsd.pathfinder.ProductFootprint.Published.v1","specversion":"1.0","id":"123e4567-e89b-12d3-a456-426614174000","source":"https://webhook.example.com","time":"2023-05-19T11:30:00Z","data":{"pfIds":["b1f8c0d2-7c4e-4e67-9a9c-2e4c12345678"]}}""";
        var malformed = """{"type":"org.wbcsd.pathfinder.ProductFootprint.Published.v1","specversion":"1.0","id":"x","source":"https://webhook.example.com","data":{"pfIds":["urn:gtin:4712345060507"]}}""";

        Assert.Equal(HttpStatusCode.OK, (await PostEventAsync(pact, request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostEventAsync(pact, published)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostEventAsync(pact, malformed)).StatusCode);
        var forged = portal.Host.CreateApiClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "invalid-access-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostEventAsync(forged, published)).StatusCode);
    }

    [Fact]
    public async Task SupplierFootprint_BecomesTheLotsPrimaryFactor_AndOurFootprintIsReissued()
    {
        var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var (tee, fabric) = await SupplyChainApiTests.RecordChainAsync(supply, "pacti" + Random.Shared.Next(1000, 9999));
        var (pact, _) = await PactClientAsync();
        var before = await FootprintDocumentAsync(pact, tee);
        var supplier = new
        {
            id = Guid.NewGuid().ToString("D"), specVersion = "2.3.0", version = 1, created = "2026-02-01T00:00:00Z", status = "Active",
            companyName = "Tiruppur Weaving Mill", companyIds = new[] { "urn:uuid:3a1f0c52-1b9e-4c8e-9a61-5a5d3f1e0b77" },
            productDescription = "Organic cotton fabric, 180 g/m²", productIds = new[] { "urn:gtin:4012345111118" }, productCategoryCpc = "2661",
            productNameCompany = "Organic jersey", comment = "Supplier-specific PCF",
            pcf = new
            {
                declaredUnit = "kilogram", unitaryProductAmount = "1", pCfExcludingBiogenic = "3.2", fossilGhgEmissions = "3.1", fossilCarbonContent = "0",
                biogenicCarbonContent = "0.4", characterizationFactors = "AR6", ipccCharacterizationFactorsSources = new[] { "AR6" },
                crossSectoralStandardsUsed = new[] { "GHG Protocol Product standard" }, boundaryProcessesDescription = "Cradle-to-gate",
                referencePeriodStart = "2025-01-01T00:00:00Z", referencePeriodEnd = "2026-01-01T00:00:00Z", exemptedEmissionsPercent = 0,
                exemptedEmissionsDescription = "None", packagingEmissionsIncluded = false, primaryDataShare = 90,
                dqi = new { coveragePercent = 100, technologicalDQR = 1, temporalDQR = 1, geographicalDQR = 1 },
            },
        };

        var refused = await supply.PostAsJsonAsync($"/api/lots/{fabric}/pact-footprint", supplier with { });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var lot = await refused.ReadJsonAsync();
        Assert.Equal(3.2m, lot.GetProperty("lot").GetProperty("factor").GetProperty("kgCo2ePerUnit").GetDecimal());
        Assert.Contains(supplier.id, lot.GetProperty("lot").GetProperty("factor").GetProperty("source").GetString(), StringComparison.Ordinal);

        // 1.021853056 − 0.2 kg × 4.0 + 0.2 kg × 3.2 = 0.861853056 kg CO2e per piece.
        var footprint = await (await supply.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync();
        Assert.Equal(0.861853056m, footprint.GetProperty("totalKgCo2e").GetDecimal());
        var after = await FootprintDocumentAsync(pact, tee);
        Assert.NotEqual(before.GetProperty("id").GetString(), after.GetProperty("id").GetString());
        Assert.Equal(before.GetProperty("id").GetString(), after.GetProperty("precedingPfIds")[0].GetString());
        Assert.Equal("4.309265", after.GetProperty("pcf").GetProperty("pCfExcludingBiogenic").GetString());
        var old = (await (await pact.GetAsync($"/2/footprints/{before.GetProperty("id").GetString()}")).ReadJsonAsync()).GetProperty("data");
        Assert.Equal("Deprecated", old.GetProperty("status").GetString());
        Assert.Equal(2, old.GetProperty("version").GetInt32());

        var litres = await supply.PostAsJsonAsync($"/api/lots/{fabric}/pact-footprint", new { supplier.id, supplier.specVersion, supplier.version, supplier.created, supplier.status, supplier.companyName, supplier.companyIds, supplier.productDescription, supplier.productIds, supplier.productCategoryCpc, supplier.productNameCompany, supplier.comment, pcf = supplier.pcf with { } is var p ? new { declaredUnit = "liter", p.unitaryProductAmount, pCfExcludingBiogenic = "oops", p.fossilGhgEmissions, p.fossilCarbonContent, p.biogenicCarbonContent, p.characterizationFactors, p.ipccCharacterizationFactorsSources, p.crossSectoralStandardsUsed, p.boundaryProcessesDescription, p.referencePeriodStart, p.referencePeriodEnd, p.exemptedEmissionsPercent, p.exemptedEmissionsDescription, p.packagingEmissionsIncluded, p.primaryDataShare, p.dqi } : null });
        Assert.Equal(HttpStatusCode.BadRequest, litres.StatusCode);
        Assert.Contains("pCfExcludingBiogenic", await litres.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0.861853056m, (await (await supply.GetAsync($"/api/products/{tee}/footprint")).ReadJsonAsync()).GetProperty("totalKgCo2e").GetDecimal());
    }

    private static async Task<JsonElement> FootprintDocumentAsync(HttpClient pact, string product)
    {
        var all = (await (await pact.GetAsync("/2/footprints?limit=100")).ReadJsonAsync()).GetProperty("data").EnumerateArray();
        return all.Single(f => f.GetProperty("productIds").EnumerateArray().Any(i => i.GetString() == $"urn:esgtrace:product:{product}"));
    }

    [Fact]
    public async Task EventWithAHugeMultiLineField_LeavesOneBoundedSingleLineAuditRecord()
    {
        var (pact, _) = await PactClientAsync();
        var marker = "pact-forge-" + Guid.NewGuid().ToString("N")[..8];
        // 100 KB of lines that pretend to be further audit records, in the event id (the record's subject) and a product id (its detail).
        var forged = string.Concat(Enumerable.Repeat("\r\n2026-01-01T00:00:00Z admin approved claim:everything\u2028", 2000));
        var e = new
        {
            type = "org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1", specversion = "1.0", id = marker + forged, source = "https://webhook.example.com",
            data = new { pf = new { productIds = new[] { "urn:gtin:" + marker + forged } }, comment = "x" },
        };
        var json = System.Text.Json.JsonSerializer.Serialize(e);
        Assert.True(forged.Length > 100_000, forged.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.OK, (await PostEventAsync(pact, json)).StatusCode);

        var auditor = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor, "pact audit reader"));
        var records = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await (await auditor.GetAsync("/api/audit?pageSize=500" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)))).ReadJsonAsync();
            records.AddRange(page.GetProperty("records").EnumerateArray().Where(r => r.GetRawText().Contains(marker, StringComparison.Ordinal)));
            after = page.TryGetProperty("nextAfterKey", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (after is not null);

        var record = Assert.Single(records);
        foreach (var field in new[] { "subject", "detail", "actor" })
        {
            var text = record.GetProperty(field).GetString()!;
            Assert.True(text.Length <= AuditText.MaxLength, $"{field}: {text.Length} characters");
            Assert.DoesNotContain(text, c => char.IsControl(c) || c is '\u2028' or '\u2029');
        }

        Assert.StartsWith("pact-event:" + marker, record.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(AuditText.Ellipsis, record.GetProperty("subject").GetString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostEventAsync(HttpClient client, string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "UTF-8" };
        return client.PostAsync("/2/events", content);
    }
}
