using System.Net;
using System.Net.Http.Json;
using EsgTrace.Accounts;
using EsgTrace.Portal.Tests.SupplyChain;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Claims;

/// <summary>
/// The claim workflow through the HTTP API on the chain of <see cref="SupplyChainApiTests"/>, whose T-shirt footprint is
/// 1.021853056 kg CO2e per piece (worked out by hand there).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ClaimsApiTests(PortalFixture portal)
{
    private async Task<HttpClient> ClientAsync(Role role) => portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, role));

    private static object Draft(string product, decimal limit, string wording) => new
    {
        productId = product,
        type = "footprint-at-most",
        threshold = limit,
        wording,
        validUntil = "2030-12-31",
    };

    [Fact]
    public async Task GenericWording_IsRefusedWithTheReason_AndNothingIsDrafted()
    {
        var marketing = await ClientAsync(Role.Marketing);

        var response = await marketing.PutAsJsonAsync("/api/claims/c-generic", Draft("demo-tee", 1.4m, "Our eco-friendly, climate neutral T-shirt"));
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var wording = string.Join(" ", problem.GetProperty("errors").GetProperty("wording").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("\"eco-friendly\" is a generic environmental term", wording, StringComparison.Ordinal);
        Assert.Contains("neutrality or offset-based claims are not allowed", wording, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await marketing.GetAsync("/api/claims/c-generic")).StatusCode);
    }

    [Fact]
    public async Task SupportedClaim_GoesThroughTheWorkflow_AndTurnsAtRiskWhenAShipmentBreaksIt()
    {
        var (supply, marketing, fabric, verified, published) = await PublishAsync("c1");

        Assert.Equal("verified", verified.GetProperty("status").GetString());
        Assert.Equal(1.021853056m, verified.GetProperty("lastEvaluation").GetProperty("actual").GetDecimal());
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(["drafted", "verified", "approved", "published"], published.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));

        // 400 kg of the fabric 7,000 km onward by road: + 0.2 kg × (0.4 t × 7000 km ÷ 800 kg = 3.5 t.km/kg) × 0.14993 = 0.104951
        // → 1.126804056 > 1.1
        await Ok(supply.PutAsJsonAsync("/api/shipments/c1-S9", SupplyChainApiTests.Shipment(fabric, "road", 7000, "km", "2026-04-03T08:00:00+02:00", "2026-04-05T08:00:00+02:00")));
        var monitored = await portal.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<EsgTrace.Claims.IClaimMonitorGrain>(0).CheckAll();
        var after = await (await marketing.GetAsync("/api/claims/c1-claim")).ReadJsonAsync();

        Assert.True(monitored >= 1, "the scheduled monitor found no claim to turn at-risk");
        Assert.Equal("at-risk", after.GetProperty("status").GetString());
        Assert.Contains("1.126804056", after.GetProperty("steps")[4].GetProperty("saw").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedClaim_CannotBeApprovedOrPublished()
    {
        var supply = await ClientAsync(Role.SupplyChain);
        var (tee, _) = await SupplyChainApiTests.RecordChainAsync(supply, "c2");
        var marketing = await ClientAsync(Role.Marketing);
        var it = await ClientAsync(Role.It);

        await Ok(marketing.PutAsJsonAsync("/api/claims/c2-claim", Draft(tee, 0.9m, "Cradle-to-gate footprint of at most 0.9 kg CO2e per T-shirt")));
        var verified = await Ok(marketing.PostAsync("/api/claims/c2-claim/verify", null));
        var approve = await it.PostAsync("/api/claims/c2-claim/approve", null);
        var publish = await marketing.PostAsync("/api/claims/c2-claim/publish", null);

        Assert.Equal("draft", verified.GetProperty("status").GetString());
        Assert.False(verified.GetProperty("lastEvaluation").GetProperty("holds").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
    }

    [Fact]
    public async Task Marketing_CannotApprove_AndSupplyChain_CannotPublish()
    {
        var supply = await ClientAsync(Role.SupplyChain);
        var (tee, _) = await SupplyChainApiTests.RecordChainAsync(supply, "c3");
        var marketing = await ClientAsync(Role.Marketing);

        await Ok(marketing.PutAsJsonAsync("/api/claims/c3-claim", Draft(tee, 1.1m, "Cradle-to-gate footprint of at most 1.1 kg CO2e per T-shirt")));
        await Ok(marketing.PostAsync("/api/claims/c3-claim/verify", null));

        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.PostAsync("/api/claims/c3-claim/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supply.PostAsync("/api/claims/c3-claim/publish", null)).StatusCode);
        Assert.Equal("verified", (await (await marketing.GetAsync("/api/claims/c3-claim")).ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task PublishedClaim_HasASignedProof_ThatThePublicCheckAccepts_AndRejectsWhenAlteredByOneByte()
    {
        await PublishAsync("c4");
        var anonymous = portal.Host.CreateApiClient();

        var status = await (await anonymous.GetAsync("/verify/c4-claim/status")).ReadJsonAsync();
        var proof = await anonymous.GetByteArrayAsync("/verify/c4-claim/proof.pdf");
        var path = Path.Combine(Path.GetTempPath(), $"esgtrace-proof-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, proof);
        var (exit, pdfsig) = Poppler.Run("pdfsig", path);
        var (_, text) = Poppler.Run("pdftotext", path, "-");
        File.Delete(path);
        var genuine = await (await anonymous.PostAsync("/verify/c4-claim/check", Pdf(proof))).ReadJsonAsync();
        var altered = (byte[])proof.Clone();
        altered[altered.Length / 4] ^= 0x01;
        var forged = await (await anonymous.PostAsync("/verify/c4-claim/check", Pdf(altered))).ReadJsonAsync();

        Assert.Equal("published", status.GetProperty("status").GetString());
        Assert.Equal(64, status.GetProperty("lineageRootSha256").GetString()!.Length);
        Assert.True(exit == 0, pdfsig);
        Assert.Contains("Signature is Valid.", pdfsig, StringComparison.Ordinal);
        Assert.Contains("1.0219 kg CO2e per 1 piece", text, StringComparison.Ordinal);
        Assert.Contains("/verify/c4-claim", text, StringComparison.Ordinal);
        Assert.True(genuine.GetProperty("genuine").GetBoolean(), genuine.ToString());
        Assert.False(forged.GetProperty("genuine").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/verify/c3-never-published/status")).StatusCode);
        var page = await anonymous.GetAsync("/verify/c3-never-published");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // a readable page; the JSON status endpoint above is the 404
        Assert.Contains("No published claim", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scopes_BatchAndPortfolio_RestOnTheirOwnMassBalance()
    {
        var supply = await ClientAsync(Role.SupplyChain);
        var (tee5, _) = await SupplyChainApiTests.RecordChainAsync(supply, "c5");
        var (tee6, _) = await SupplyChainApiTests.RecordChainAsync(supply, "c6");
        // A second, uncertified 800 kg fabric lot goes into a second batch of the c5 T-shirt.
        await Ok(supply.PutAsJsonAsync("/api/lots/c5-G", new
        {
            material = "cotton fabric", quantity = 800m, unit = "kg", supplierId = "c5-mill", originCountry = "IN", recycledShare = 0m,
            factor = new { kind = "primary", kgCo2ePerUnit = 4.0m, perUnit = "kg", source = "supplier PCF 2026 (test data)" }, inputLotIds = Array.Empty<string>(),
        }));
        await Ok(supply.PutAsJsonAsync("/api/batches/c5-B2", new { productId = tee5, inputLotIds = new[] { "c5-G" }, quantity = 4000, producedAt = "2026-05-10T08:00:00+02:00" }));
        var marketing = await ClientAsync(Role.Marketing);
        object Claim(string scope, string product, string[]? subjects, string type, decimal threshold, string wording) => new
        {
            productId = product, type, threshold, wording, validUntil = "2030-12-31", scope, subjects,
        };

        // Product c5-tee: certified 800 of 1600 kg = 50 % < 90 %. Batch c5-B1 alone: 800 of 800 kg = 100 % ≥ 90 %.
        await Ok(marketing.PutAsJsonAsync("/api/claims/c5-product", Claim("product", tee5, null, "certified-content", 90, "90 % GOTS-certified cotton by weight")));
        await Ok(marketing.PutAsJsonAsync("/api/claims/c5-batch", Claim("batch", tee5, ["c5-B1"], "certified-content", 90, "Batch c5-B1: 90 % GOTS-certified cotton by weight")));
        var product = await Ok(marketing.PostAsync("/api/claims/c5-product/verify", null));
        var batch = await Ok(marketing.PostAsync("/api/claims/c5-batch/verify", null));

        // Portfolio c5-tee + c6-tee: lots c5-F, c5-G, c6-F, 800 kg each; certified c5-F + c6-F = 1600 / 2400 = 66.67 %.
        // Footprints: c6-tee 1.021853056 (see SupplyChainApiTests); c5-tee: 0.1 kg from each 800 kg lot, G never shipped:
        // 0.2 × 4.0 + 0.1 × 0.496 × 0.14993 + 0.1 × 15 × 0.01266 + 0.169 = 0.8 + 0.007436528 + 0.01899 + 0.169 = 0.995426528.
        // "At most 1.0 per T-shirt" fails for the portfolio because its worst product (1.021853056) is above 1.0.
        await Ok(marketing.PutAsJsonAsync("/api/claims/c56-share", Claim("portfolio", "c56", [tee5, tee6], "certified-content", 60, "60 % GOTS-certified cotton by weight across the range")));
        await Ok(marketing.PutAsJsonAsync("/api/claims/c56-limit", Claim("portfolio", "c56", [tee5, tee6], "footprint-at-most", 1.0m, "Every T-shirt: at most 1.0 kg CO2e per T-shirt, cradle to gate")));
        var share = await Ok(marketing.PostAsync("/api/claims/c56-share/verify", null));
        var limit = await Ok(marketing.PostAsync("/api/claims/c56-limit/verify", null));
        var badBatch = await marketing.PutAsJsonAsync("/api/claims/c5-bad", Claim("batch", tee5, ["c5-B1", "c5-B2"], "certified-content", 90, "90 % GOTS-certified cotton by weight"));

        Assert.Equal(50m, product.GetProperty("lastEvaluation").GetProperty("actual").GetDecimal());
        Assert.Equal("draft", product.GetProperty("status").GetString());
        Assert.Equal(100m, batch.GetProperty("lastEvaluation").GetProperty("actual").GetDecimal());
        Assert.Equal("verified", batch.GetProperty("status").GetString());
        Assert.Equal(66.67m, Math.Round(share.GetProperty("lastEvaluation").GetProperty("actual").GetDecimal(), 2));
        Assert.Equal("verified", share.GetProperty("status").GetString());
        Assert.Equal(1.021853056m, limit.GetProperty("lastEvaluation").GetProperty("actual").GetDecimal());
        Assert.Equal("draft", limit.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badBatch.StatusCode);
    }

    /// <summary>Records the test chain under <paramref name="p"/> and takes a 1.1 kg CO2e claim on its T-shirt through to publication.</summary>
    private async Task<(HttpClient Supply, HttpClient Marketing, string Fabric, System.Text.Json.JsonElement Verified, System.Text.Json.JsonElement Published)> PublishAsync(string p)
    {
        var supply = await ClientAsync(Role.SupplyChain);
        var (tee, fabric) = await SupplyChainApiTests.RecordChainAsync(supply, p);
        var marketing = await ClientAsync(Role.Marketing);
        var auditor = await ClientAsync(Role.Auditor);
        await Ok(marketing.PutAsJsonAsync($"/api/claims/{p}-claim", Draft(tee, 1.1m, "Cradle-to-gate footprint of at most 1.1 kg CO2e per T-shirt")));
        var verified = await Ok(marketing.PostAsync($"/api/claims/{p}-claim/verify", null));
        await Ok(auditor.PostAsync($"/api/claims/{p}-claim/approve", null));
        var published = await Ok(marketing.PostAsync($"/api/claims/{p}-claim/publish", null));
        return (supply, marketing, fabric, verified, published);
    }

    private static ByteArrayContent Pdf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        return content;
    }

    private static async Task<System.Text.Json.JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }
}
