using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Pact;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests.Pact;

/// <summary>
/// The Mandatory PACT v3.0 conformance cases that apply to a host system (shared/reference/pact/conformance/
/// v3-test-cases-expected-results.md): #1-#8, #12-#16, #20-#40 here, with the callbacks of #13 and #14.B received by a
/// real HTTP listener (<see cref="PactPartnerSite"/>); the HTTPS cases #9-#11 and #17 in <see cref="PactHttpsTests"/>.
/// Figures by hand from the chain of <see cref="TestSupplyChain"/>: the tee is 1.021853056 kg CO2e per piece (0.2 kg of
/// fabric); published to 6 decimals as "1.021853".
/// </summary>
public sealed class PactV3ConformanceTests(PactV3Fixture f) : IClassFixture<PactV3Fixture>
{
    private async Task<List<JsonElement>> ListAsync(HttpClient pact, string query)
    {
        var answer = await pact.GetAsync("/3/footprints" + query);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return [.. (await answer.ReadJsonAsync()).GetProperty("data").EnumerateArray()];
    }

    private static string Id(JsonElement pf) => pf.GetProperty("id").GetString()!;

    private async Task<JsonElement> CurrentTeeAsync(HttpClient pact)
        => (await ListAsync(pact, $"?productId=urn:gtin:{PactV3Fixture.TeeGtin}&status=Active")).Single();

    [Fact]
    public async Task Case1_2_Token_WithValidAndInvalidCredentials_AlsoThroughTheOpenIdConfiguration()
    {
        var client = f.Host.CreateApiClient();
        var discovery = await (await client.GetAsync("/.well-known/openid-configuration")).ReadJsonAsync();
        var endpoint = discovery.GetProperty("token_endpoint").GetString()!;
        Assert.Equal(new Uri(f.Host.BaseAddress, "/auth/token").AbsoluteUri, endpoint);
        Assert.Contains("client_credentials", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));

        foreach (var url in new[] { "/auth/token", endpoint })
        {
            var ok = await PactV3Fixture.TokenAsync(client, url, f.PartnerKey.Split('_')[1], f.PartnerKey);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            var token = await ok.ReadJsonAsync();
            Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
            Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
            Assert.False(string.IsNullOrEmpty(token.GetProperty("access_token").GetString()));

            var bad = await PactV3Fixture.TokenAsync(client, url, f.PartnerKey.Split('_')[1], f.PartnerKey + "x");
            Assert.Contains(bad.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
            Assert.Equal("invalid_client", (await bad.ReadJsonAsync()).GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Case3_GetFootprint_IsTheV3DocumentWithTheFiguresByHand()
    {
        var pact = await f.PactClientAsync(f.PartnerKey);
        var id = Id(await CurrentTeeAsync(pact));

        var answer = await pact.GetAsync($"/3/footprints/{id}");
        var pf = (await answer.ReadJsonAsync()).GetProperty("data");
        var pcf = pf.GetProperty("pcf");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty(PactV3Rules.Check(pf));
        Assert.Equal("3.0.0", pf.GetProperty("specVersion").GetString());
        Assert.False(pf.TryGetProperty("version", out _), "version is obsolete in v3");
        Assert.Equal("Active", pf.GetProperty("status").GetString());
        Assert.Contains($"urn:gtin:{PactV3Fixture.TeeGtin}", pf.GetProperty("productIds").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("urn:pact:productclassification:un-cpc:282", pf.GetProperty("productClassifications")[0].GetString());
        // Per piece, as declared: 1 piece of 0.2 kg; 1.021853056 kg CO2e rounded to 6 decimals.
        Assert.Equal("piece", pcf.GetProperty("declaredUnitOfMeasurement").GetString());
        Assert.Equal("1", pcf.GetProperty("declaredUnitAmount").GetString());
        Assert.Equal("0.2", pcf.GetProperty("productMassPerDeclaredUnit").GetString());
        Assert.Equal("1.021853", pcf.GetProperty("pcfExcludingBiogenicUptake").GetString());
        // Biogenic uptake not assessed: incl = excl + 0, and the field is left undefined rather than invented.
        Assert.Equal("1.021853", pcf.GetProperty("pcfIncludingBiogenicUptake").GetString());
        Assert.False(pcf.TryGetProperty("biogenicCO2Uptake", out _));
        Assert.Contains("Not assessed: biogenic CO2 uptake", pf.GetProperty("comment").GetString());
        Assert.Equal("PT", pcf.GetProperty("geographyCountry").GetString());
        // 0.8 ÷ 1.021853056 = 78.29 % primary → DQR 2 (from 60 %); a one-day reference period → temporal DQR 1.
        Assert.Equal("78.29", pcf.GetProperty("primaryDataShare").GetString());
        Assert.Equal("2", pcf.GetProperty("dqi").GetProperty("technologicalDQR").GetString());
        Assert.Equal("1", pcf.GetProperty("dqi").GetProperty("temporalDQR").GetString());
        Assert.Equal("2026-04-10T00:00:00Z", pcf.GetProperty("referencePeriodStart").GetString());
        Assert.Equal("2026-04-11T00:00:00Z", pcf.GetProperty("referencePeriodEnd").GetString());
        // Validity: from the reference period's end, three years.
        Assert.Equal("2026-04-11T00:00:00Z", pf.GetProperty("validityPeriodStart").GetString());
        Assert.Equal("2029-04-11T00:00:00Z", pf.GetProperty("validityPeriodEnd").GetString());
    }

    [Fact]
    public async Task Case4_5_ListAndPaging_FollowTheAbsoluteNextLink_WithTheFiltersKept()
    {
        var pact = await f.PactClientAsync(f.PartnerKey);
        var all = await ListAsync(pact, string.Empty);
        Assert.True(all.Count >= 2);
        Assert.All(all, pf => Assert.Empty(PactV3Rules.Check(pf)));

        var paged = new List<JsonElement>();
        var url = "/3/footprints?geography=PT&limit=1";
        while (url is not null)
        {
            var page = await pact.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var data = (await page.ReadJsonAsync()).GetProperty("data").EnumerateArray().ToList();
            Assert.True(data.Count <= 1, "never more than the limit");
            paged.AddRange(data);
            url = page.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
            if (url is not null)
            {
                var next = new Uri(url);
                Assert.True(next.IsAbsoluteUri);
                Assert.Equal(f.Host.BaseAddress.Authority, next.Authority);
                Assert.Contains("geography=PT", next.Query, StringComparison.Ordinal);
                Assert.EndsWith("rel=\"next\"", link!.Single(), StringComparison.Ordinal);
                // The same link twice gives the same page.
                Assert.Equal((await (await pact.GetAsync(url)).ReadJsonAsync()).GetRawText(), (await (await pact.GetAsync(url)).ReadJsonAsync()).GetRawText());
            }
        }

        Assert.Equal(all.Select(Id).OrderBy(i => i), paged.Select(Id).OrderBy(i => i));
        Assert.Equal(HttpStatusCode.BadRequest, (await pact.GetAsync("/3/footprints?limit=0")).StatusCode);
    }

    [Fact]
    public async Task Case6_7_8_16_InvalidToken_AndUnknownId()
    {
        var forged = f.Host.CreateApiClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "invalid-access-token");
        var pact = await f.PactClientAsync(f.PartnerKey);
        var id = Id(await CurrentTeeAsync(pact));

        foreach (var answer in new[]
        {
            await forged.GetAsync("/3/footprints"),
            await forged.GetAsync($"/3/footprints/{id}"),
            await PactV3Fixture.PostEventAsync(forged, """{"type":"org.wbcsd.pact.ProductFootprint.PublishedEvent.3","specversion":"1.0","id":"test-run-id-16","source":"https://webhook.example.com","time":"2023-05-19T12:30:00Z","data":{"pfIds":["urn:gtin:4712345060507"]}}"""),
        })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            var body = await answer.ReadJsonAsync();
            Assert.Equal("BadRequest", body.GetProperty("code").GetString());
            Assert.Equal("Invalid token provided", body.GetProperty("message").GetString());
            Assert.False(body.TryGetProperty("data", out _));
        }

        var unknown = await pact.GetAsync("/3/footprints/non-existent-id");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var error = await unknown.ReadJsonAsync();
        Assert.Equal("NotFound", error.GetProperty("code").GetString());
        Assert.Equal("Footprint with ID 'non-existent-id' does not exist", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await pact.GetAsync($"/3/footprints/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Case20_To_39_Filters_OrWithinACriterion_AndAcross()
    {
        var pact = await f.PactClientAsync(f.PartnerKey);
        var tee = Id(await CurrentTeeAsync(pact));
        var bag = Id((await ListAsync(pact, $"?productId=urn:esgtrace:product:{f.Bag}&status=Active")).Single());
        async Task<HashSet<string>> Ids(string query) => [.. (await ListAsync(pact, query)).Select(Id)];

        // #20-#23 positive: productId (case-insensitive), companyId, geography, classification.
        Assert.Equal(new HashSet<string> { tee }, await Ids($"?productId=urn:gtin:{PactV3Fixture.TeeGtin}"));
        Assert.Equal(new HashSet<string> { tee }, await Ids($"?productId=URN:GTIN:{PactV3Fixture.TeeGtin}"));
        Assert.Superset(new HashSet<string> { tee, bag }, await Ids($"?companyId={PactV3Fixture.CompanyId}"));
        Assert.Superset(new HashSet<string> { tee, bag }, await Ids("?geography=PT"));
        Assert.Superset(new HashSet<string> { tee, bag }, await Ids("?classification=urn:pact:productclassification:un-cpc:282"));
        // #24-#26: validity tee 2026-04-11 → 2029-04-11, bag 2026-05-21 → 2029-05-21.
        Assert.Superset(new HashSet<string> { tee, bag }, await Ids("?validOn=2027-01-01T00:00:00Z"));
        Assert.DoesNotContain(tee, await Ids("?validOn=2029-05-01T00:00:00Z"));
        Assert.Contains(bag, await Ids("?validOn=2029-05-01T00:00:00Z"));
        var after = await Ids("?validAfter=2026-05-01T00:00:00Z");
        Assert.Contains(bag, after);
        Assert.DoesNotContain(tee, after);
        var before = await Ids("?validBefore=2029-05-01T00:00:00Z");
        Assert.Contains(tee, before);
        Assert.DoesNotContain(bag, before);
        // #27, #28 (AND), #29 (OR within companyId).
        Assert.Superset(new HashSet<string> { tee, bag }, await Ids("?status=Active"));
        Assert.Superset(new HashSet<string> { tee, bag }, await Ids("?status=active"));
        Assert.Equal(new HashSet<string> { tee }, await Ids($"?status=Active&productId=urn:gtin:{PactV3Fixture.TeeGtin}"));
        Assert.Equal(new HashSet<string> { tee, bag }, await Ids($"?productId=urn:gtin:{PactV3Fixture.TeeGtin}&productId=urn:esgtrace:product:{f.Bag}&status=Active"));
        Assert.Superset(new HashSet<string> { tee, bag }, await Ids($"?companyId={PactV3Fixture.CompanyId}&companyId=urn:uuid:other-company&companyId=urn:uuid:another-company"));
        // Across criteria AND: the tee's product id with a geography it does not have.
        Assert.Empty(await Ids($"?productId=urn:gtin:{PactV3Fixture.TeeGtin}&geography=DE"));
        // #30-#39 negative.
        foreach (var query in new[]
        {
            "?productId=urn:bogus:product:nonexistent123", "?companyId=urn:bogus:company:nonexistent456", "?geography=XX",
            "?classification=urn:bogus:classification:nonexistent789", "?validOn=1900-01-01T00:00:00Z", "?validAfter=2099-12-31T23:59:59Z",
            "?validBefore=1900-01-01T00:00:00Z", "?status=BogusStatusValue", "?companyId=urn:bogus:company:5FIi8zS3&productId=urn:bogus:product:nonexistent123",
            "?companyId=urn:bogus:company:nonexistent1&companyId=urn:bogus:company:nonexistent2&companyId=urn:bogus:company:nonexistent3",
        })
        {
            Assert.Empty(await Ids(query));
        }

        // #40: the v2 OData $filter is refused; so are unknown parameters and dates that are not date-times.
        foreach (var query in new[] { "?$filter=created ge '2023-01-15T10:15:30Z'", "?productid2=x", "?validOn=2025-01-01" })
        {
            var refused = await pact.GetAsync("/3/footprints" + query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("BadRequest", (await refused.ReadJsonAsync()).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Case12_13_14_RequestsAreAnsweredByCallback_FulfilledOrRejected_AndARepeatIsOneRequest()
    {
        var pact = await f.PactClientAsync(f.PartnerKey);
        var tee = Id(await CurrentTeeAsync(pact));
        // #12 (the conformance body; its id made unique per case, since source + id name one event).
        var created = $$$"""{"specversion":"1.0","id":"test-run-id-12","source":"https://webhook.example.com","time":"2023-05-19T10:30:00Z","type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","data":{"productId":["urn:gtin:{{{PactV3Fixture.TeeGtin}}}"],"comment":"Please send PCF data for this year."}}""";
        var accepted = await PactV3Fixture.PostEventAsync(pact, created);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(string.Empty, await accepted.Content.ReadAsStringAsync());
        // #14.A: no specversion, no product: accepted, then rejected by callback.
        var rejectable = """{"id":"test-run-id-14a","source":"https://webhook.example.com","time":"2023-05-19T10:30:00Z","type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","data":{"comment":"Please send PCF data for this year."}}""";
        Assert.Equal(HttpStatusCode.OK, (await PactV3Fixture.PostEventAsync(pact, rejectable)).StatusCode);

        // #13: the RequestFulfilledEvent arrives at the partner's /3/events with its token.
        var fulfilled = Assert.Single(await f.Partner.WaitForAsync(PactV3.RequestFulfilled, "test-run-id-12"));
        var received = f.Partner.Events.First(e => e.Body.GetProperty("id").GetString() == fulfilled.GetProperty("id").GetString());
        Assert.Equal("application/cloudevents+json; charset=utf-8", received.ContentType!.ToLowerInvariant());
        Assert.Equal("Bearer partner-site-token-1", received.Authorization);
        Assert.Equal("1.0", fulfilled.GetProperty("specversion").GetString());
        Assert.Equal(f.Host.BaseAddress.AbsoluteUri + "3/events", fulfilled.GetProperty("source").GetString());
        Assert.True(PactFootprintCriteria.TryTime(fulfilled.GetProperty("time").GetString(), out _));
        var pf = Assert.Single(fulfilled.GetProperty("data").GetProperty("pfs").EnumerateArray());
        Assert.Equal(tee, Id(pf));
        Assert.Empty(PactV3Rules.Check(pf));

        // #14.B: RequestRejectedEvent with an Error.
        var rejected = Assert.Single(await f.Partner.WaitForAsync(PactV3.RequestRejected, "test-run-id-14a"));
        Assert.Equal("NotFound", rejected.GetProperty("data").GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(rejected.GetProperty("data").GetProperty("error").GetProperty("message").GetString()));

        // The same event again is the same request: answered 200, no second callback.
        Assert.Equal(HttpStatusCode.OK, (await PactV3Fixture.PostEventAsync(pact, created)).StatusCode);
        var deliveries = await (await f.SupplyChain.GetAsync("/api/pact/deliveries")).ReadJsonAsync();
        Assert.Equal(1, deliveries.GetProperty("items").EnumerateArray().Count(d => d.GetProperty("item").GetProperty("what").GetString() == PactV3.RequestFulfilled
            && d.GetProperty("item").GetProperty("payload").GetString()!.Contains("test-run-id-12", StringComparison.Ordinal)));
        Assert.Single(await f.Partner.WaitForAsync(PactV3.RequestFulfilled, "test-run-id-12"));
        // The delivery is visible with its status.
        var row = deliveries.GetProperty("items").EnumerateArray().First(d => d.GetProperty("item").GetProperty("id").GetString() == fulfilled.GetProperty("id").GetString());
        Assert.Equal("done", row.GetProperty("item").GetProperty("status").GetString());
        Assert.Equal("200", row.GetProperty("item").GetProperty("lastOutcome").GetString());
    }

    [Fact]
    public async Task Case15_Published_IsAccepted_AndMalformedEventsAreRefusedWithThePactErrorBody_ChangingNothing()
    {
        var pact = await f.PactClientAsync(f.PartnerKey);
        var published = """{"type":"org.wbcsd.pact.ProductFootprint.PublishedEvent.3","id":"123e4567-e89b-12d3-a456-426614174000","source":"https://webhook.example.com","time":"2023-05-19T11:30:00Z","data":{"pfIds":["urn:gtin:4712345060507"]}}""";
        Assert.Equal(HttpStatusCode.OK, (await PactV3Fixture.PostEventAsync(pact, published)).StatusCode);

        var before = (await (await f.SupplyChain.GetAsync("/api/pact/inbound-requests")).ReadJsonAsync()).GetRawText();
        foreach (var (body, code) in new[]
        {
            ("not json", "BadRequest"),
            ("""["an array"]""", "BadRequest"),
            ("""{"id":"m1","source":"s","data":{}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","source":"s","data":{"productId":["urn:gtin:1"]}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","id":"m2","source":"s"}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","id":"m3","source":"s","specversion":"0.3","data":{"productId":["urn:gtin:1"]}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","id":"m4","source":"s","time":"yesterday","data":{"productId":["urn:gtin:1"]}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","id":"m5","source":"s","data":{"productId":"urn:gtin:1","validOn":"2025-02-01"}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","id":"m6","source":"s","data":{"productId":[1]}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","id":"m7","source":"s","data":{"pf":{"productIds":["urn:gtin:1"]}}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3","id":"m8","source":"s","data":{"requestEventId":"x","pfs":[]}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3","id":"m9","source":"s","data":{"pfs":[{"id":"b1f8c0d2-7c4e-4e67-9a9c-2e4c12345678"}]}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3","id":"m10","source":"s","data":{"requestEventId":"x"}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pact.ProductFootprint.PublishedEvent.3","id":"m11","source":"s","data":{"comment":"Please send PCF data for this year."}}""", "BadRequest"),
            ("""{"type":"org.wbcsd.pathfinder.ProductFootprint.Published.v1","id":"m12","source":"s","data":{"pfIds":["b1f8c0d2-7c4e-4e67-9a9c-2e4c12345678"]}}""", "NotImplemented"),
            // An answer to a request we never made.
            ("""{"type":"org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3","id":"m13","source":"s","data":{"requestEventId":"b1f8c0d2-7c4e-4e67-9a9c-2e4c12345678","error":{"code":"NotFound","message":"no"}}}""", "BadRequest"),
        })
        {
            var refused = await PactV3Fixture.PostEventAsync(pact, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var error = await refused.ReadJsonAsync();
            Assert.Equal(code, error.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        }

        Assert.Equal(before, (await (await f.SupplyChain.GetAsync("/api/pact/inbound-requests")).ReadJsonAsync()).GetRawText());

        // A client that is not a registered partner cannot be answered: 403, nothing recorded.
        var stranger = await f.PactClientAsync(await ApiTestSupport.IssueKeyAsync(f.Host, Role.Auditor, "not a partner"));
        var denied = await PactV3Fixture.PostEventAsync(stranger, """{"type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","id":"s1","source":"s","data":{"productId":["urn:gtin:4006381333931"]}}""");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("AccessDenied", (await denied.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(before, (await (await f.SupplyChain.GetAsync("/api/pact/inbound-requests")).ReadJsonAsync()).GetRawText());
    }

    [Fact]
    public async Task ANewerFootprint_DeprecatesTheOld_StaysReadable_AndIsPublishedToThePartnerThatWasSentIt()
    {
        var pact = await f.PactClientAsync(f.PartnerKey);
        var created = $$$"""{"specversion":"1.0","id":"bag-request-1","source":"https://webhook.example.com","type":"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3","data":{"productId":["urn:esgtrace:product:{{{f.Bag}}}"]}}""";
        Assert.Equal(HttpStatusCode.OK, (await PactV3Fixture.PostEventAsync(pact, created)).StatusCode);
        var old = Id((await f.Partner.WaitForAsync(PactV3.RequestFulfilled, "bag-request-1")).Single().GetProperty("data").GetProperty("pfs")[0]);
        var oldPcf = (await (await pact.GetAsync($"/3/footprints/{old}")).ReadJsonAsync()).GetProperty("data").GetProperty("pcf");

        // The bag's process energy doubles: 1 → 2 kWh, + 1 kWh × 0.338 (grid.DE).
        await PactV3Fixture.Ok(f.SupplyChain.PutAsJsonAsync($"/api/products/{f.Bag}", new
        {
            name = "Organic tote bag",
            declaredUnit = "1 piece",
            bom = new[] { new { kind = "material", @ref = "cotton fabric", quantity = 500m, unit = "g" } },
            processEnergy = 2m,
            processEnergyUnit = "kWh",
            gridFactorId = "grid.DE",
        }));
        var current = (await ListAsync(pact, $"?productId=urn:esgtrace:product:{f.Bag}&status=Active")).Single();
        var pcf = current.GetProperty("pcf");

        Assert.NotEqual(old, Id(current));
        Assert.Equal(PactDecimal.Parse(oldPcf.GetProperty("pcfExcludingBiogenicUptake").GetString())! + 0.338m, PactDecimal.Parse(pcf.GetProperty("pcfExcludingBiogenicUptake").GetString()));
        Assert.Equal([old], current.GetProperty("precedingPfIds").EnumerateArray().Select(p => p.GetString()));
        var deprecated = (await (await pact.GetAsync($"/3/footprints/{old}")).ReadJsonAsync()).GetProperty("data");
        Assert.Equal("Deprecated", deprecated.GetProperty("status").GetString());
        Assert.Equal([old], (await ListAsync(pact, $"?productId=urn:esgtrace:product:{f.Bag}&status=Deprecated")).Select(Id));
        Assert.Equal(new[] { Id(current), old }, (await ListAsync(pact, $"?productId=urn:esgtrace:product:{f.Bag}")).Select(Id));

        var announced = await f.Partner.WaitForAsync(PactV3.Published);
        Assert.Contains(announced, e => e.GetProperty("data").GetProperty("pfIds").EnumerateArray().Select(p => p.GetString()).SequenceEqual([Id(current)]));
    }

    [Fact]
    public async Task TheOpenApiDocument_MarksV2Deprecated_AndV3Not()
    {
        var doc = await (await f.Host.CreateApiClient().GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var paths = doc.GetProperty("paths");
        Assert.True(paths.GetProperty("/2/footprints").GetProperty("get").GetProperty("deprecated").GetBoolean());
        Assert.True(paths.GetProperty("/2/events").GetProperty("post").GetProperty("deprecated").GetBoolean());
        Assert.False(paths.GetProperty("/3/footprints").GetProperty("get").TryGetProperty("deprecated", out var d) && d.GetBoolean());
    }
}
