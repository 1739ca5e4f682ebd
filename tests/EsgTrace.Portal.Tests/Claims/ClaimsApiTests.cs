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

    private static object Draft(string product, decimal limit, string wording) => ClaimWorkflow.Draft(product, limit, wording);

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
        Assert.Equal(1.021853056m, verified.GetProperty("current").GetProperty("actual").GetDecimal());
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
        Assert.Equal("Now 1.126804056 kg CO2e per piece, above the claimed 1.1; at publication 1.021853056.", after.GetProperty("current").GetProperty("finding").GetString());
    }

    [Fact]
    public async Task UnsupportedClaim_CannotBeApprovedOrPublished()
    {
        var supply = await ClientAsync(Role.SupplyChain);
        var (tee, _) = await SupplyChainApiTests.RecordChainAsync(supply, "c2");
        var marketing = await ClientAsync(Role.Marketing);
        var it = await ClientAsync(Role.It);

        await Ok(marketing.PutAsJsonAsync("/api/claims/c2-claim", Draft(tee, 0.9m, "Cradle-to-gate footprint of at most 0.9 kg CO2e per T-shirt")));
        var verify = await marketing.PostAsync("/api/claims/c2-claim/verify", null);
        var failure = await verify.ReadJsonAsync();
        var approve = await it.PostAsync("/api/claims/c2-claim/approve", null);
        var publish = await marketing.PostAsync("/api/claims/c2-claim/publish", null);
        var read = await (await marketing.GetAsync("/api/claims/c2-claim")).ReadJsonAsync();

        // A failed check is a failure (RFC 9457), with the figure that fails: 1.021853056 > 0.9.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, verify.StatusCode);
        Assert.Equal("application/problem+json", verify.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Verification failed: the data does not substantiate this claim.", failure.GetProperty("title").GetString());
        Assert.Equal("1.021853056 kg CO2e per piece, above the claimed 0.9.", failure.GetProperty("detail").GetString());
        Assert.Equal("draft", failure.GetProperty("claim").GetProperty("status").GetString());
        Assert.Equal("error", read.GetProperty("current").GetProperty("tone").GetString());
        Assert.False(read.GetProperty("current").GetProperty("holds").GetBoolean());
        Assert.Equal(["drafted", "verification failed"], read.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
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
        // No Proofs:PublicBaseUrl in this host: the proof points to the address it really serves on (a port chosen at start).
        Assert.Equal([portal.Host.BaseAddress + "verify/c4-claim"], ProofText.VerifyAtAddresses(text));
        Assert.True(genuine.GetProperty("genuine").GetBoolean(), genuine.ToString());
        Assert.Equal("published", genuine.GetProperty("claim").GetProperty("status").GetString());
        Assert.False(forged.GetProperty("genuine").GetBoolean());
    }

    [Fact]
    public async Task UnknownClaim_Answers404_OnTheJsonAndOnTheReadablePage()
    {
        var anonymous = portal.Host.CreateApiClient();

        var status = await anonymous.GetAsync("/verify/c3-never-published/status");
        var page = await anonymous.GetAsync("/verify/c3-never-published");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1 class=\"verify-title\">No published claim</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Check the address or the QR code on the document.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyUpload_IsToldToChooseAFile_ByTheApiAndByThePage()
    {
        await PublishAsync("c8");
        var anonymous = portal.Host.CreateApiClient();

        var api = await anonymous.PostAsync("/verify/c8-claim/check", Pdf([]));
        var problem = await api.ReadJsonAsync();
        var form = await VerifyPage.PostFileAsync(anonymous, "/verify/c8-claim", fileName: "", content: []);
        var html = await form.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Choose the PDF file to check: nothing was uploaded.", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("Choose the PDF file to check: nothing was uploaded.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not genuine", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AtRiskClaim_ShowsTheBreakingFigureBesideThePublishedOne_AndNoSentenceThatSupportsIt()
    {
        var (supply, marketing, fabric, _, _) = await PublishAsync("c7");
        var anonymous = portal.Host.CreateApiClient();

        // 400 kg 7,000 km onward: + 0.2 kg × 3.5 t.km/kg × 0.14993 = 0.104951 → 1.126804056 > 1.1 (at publication 1.021853056).
        await Ok(supply.PutAsJsonAsync("/api/shipments/c7-S9", SupplyChainApiTests.Shipment(fabric, "road", 7000, "km", "2026-04-03T08:00:00+02:00", "2026-04-05T08:00:00+02:00")));
        var page = await anonymous.GetAsync("/verify/c7-claim");
        var html = await page.Content.ReadAsStringAsync();
        var statusText = await anonymous.GetStringAsync("/verify/c7-claim/status");
        var status = System.Text.Json.JsonDocument.Parse(statusText).RootElement;
        var listed = await ListedAsync(marketing, "c7-claim");
        var claim = await (await marketing.GetAsync("/api/claims/c7-claim")).ReadJsonAsync();

        const string Finding = "Now 1.126804056 kg CO2e per piece, above the claimed 1.1; at publication 1.021853056.";
        const string AtRisk = "At risk: newer data no longer substantiates this claim.";
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"data-testid=\"verify-status\">{AtRisk}</p>", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"verify-finding\">{Finding}</p>", html, StringComparison.Ordinal);
        Assert.Equal("at-risk", status.GetProperty("status").GetString());
        Assert.Equal(AtRisk, status.GetProperty("current").GetProperty("headline").GetString());
        Assert.Equal(Finding, status.GetProperty("current").GetProperty("finding").GetString());
        Assert.Equal(1.126804056m, status.GetProperty("current").GetProperty("actual").GetDecimal());
        Assert.Equal(1.021853056m, status.GetProperty("current").GetProperty("atPublication").GetDecimal());
        Assert.Equal("at-risk", listed.GetProperty("status").GetString());
        Assert.Equal(Finding, listed.GetProperty("current").GetProperty("finding").GetString());
        Assert.Equal(Finding, claim.GetProperty("current").GetProperty("finding").GetString());
        foreach (var (what, shown) in new[] { ("public page", html), ("status JSON", statusText), ("claims list", listed.GetRawText()) })
        {
            Assert.False(shown.Contains("at most the claimed", StringComparison.Ordinal), $"the {what} still supports the claim: {shown}");
            Assert.False(shown.Contains("Valid:", StringComparison.Ordinal), $"the {what} still calls the claim valid: {shown}");
        }
    }

    [Fact]
    public async Task AtRiskClaim_FollowsFurtherData_WithoutAddingAStep()
    {
        var (supply, marketing, fabric, _, _) = await PublishAsync("c10");
        var anonymous = portal.Host.CreateApiClient();
        var directory = portal.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<EsgTrace.SupplyChain.ISupplyChainDirectoryGrain>(0);

        // Each 7,000 km road leg of the 400 kg (Hamburg → Berlin, then Berlin → Munich) adds
        // 0.2 kg × (0.4 t × 7000 km ÷ 800 kg = 3.5 t.km/kg) × 0.14993 = 0.104951:
        // 1.021853056 + 0.104951 = 1.126804056, then 1.126804056 + 0.104951 = 1.231755056.
        await Ok(supply.PutAsJsonAsync("/api/shipments/c10-S9", SupplyChainApiTests.Shipment(fabric, "road", 7000, "km", "2026-04-03T08:00:00+02:00", "2026-04-05T08:00:00+02:00")));
        var first = await (await anonymous.GetAsync("/verify/c10-claim/status")).ReadJsonAsync();
        await Ok(supply.PutAsJsonAsync("/api/shipments/c10-S10", SupplyChainApiTests.Shipment(fabric, "road", 7000, "km", "2026-04-06T08:00:00+02:00", "2026-04-08T08:00:00+02:00", "Berlin plant", "Munich store")));
        var second = await (await anonymous.GetAsync("/verify/c10-claim/status")).ReadJsonAsync();
        var claim = await (await marketing.GetAsync("/api/claims/c10-claim")).ReadJsonAsync();
        var indexed = await IndexedAsync(directory, "c10-claim");

        Assert.Equal("Now 1.126804056 kg CO2e per piece, above the claimed 1.1; at publication 1.021853056.", first.GetProperty("current").GetProperty("finding").GetString());
        Assert.Equal("Now 1.231755056 kg CO2e per piece, above the claimed 1.1; at publication 1.021853056.", second.GetProperty("current").GetProperty("finding").GetString());
        Assert.Equal(second.GetProperty("current").GetProperty("finding").GetString(), claim.GetProperty("current").GetProperty("finding").GetString());
        Assert.Equal(["drafted", "verified", "approved", "published", "at risk"], claim.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
        Assert.Equal(1.231755056m, indexed.Current.Actual); // the index (read by the monitor) follows the figures too
    }

    [Fact]
    public async Task PublicPage_NamesTheProduct_AndItsLinksLookLikeLinks()
    {
        await PublishAsync("c9");
        var anonymous = portal.Host.CreateApiClient();

        var html = await anonymous.GetStringAsync("/verify/c9-claim");
        var css = await anonymous.GetStringAsync("/app.css");

        Assert.Contains("data-testid=\"verify-product\">Organic tee</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("c9-tee", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/verify/c9-claim/proof.pdf\">", html, StringComparison.Ordinal);
        Assert.Matches(@"\.public-card a \{[^}]*text-decoration: underline", css);
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
        var product = await CheckedAsync(marketing.PostAsync("/api/claims/c5-product/verify", null));
        var batch = await CheckedAsync(marketing.PostAsync("/api/claims/c5-batch/verify", null));

        // Portfolio c5-tee + c6-tee: lots c5-F, c5-G, c6-F, 800 kg each; certified c5-F + c6-F = 1600 / 2400 = 66.67 %.
        // Footprints: c6-tee 1.021853056 (see SupplyChainApiTests); c5-tee: 0.1 kg from each 800 kg lot, G never shipped:
        // 0.2 × 4.0 + 0.1 × 0.496 × 0.14993 + 0.1 × 15 × 0.01266 + 0.169 = 0.8 + 0.007436528 + 0.01899 + 0.169 = 0.995426528.
        // "At most 1.0 per T-shirt" fails for the portfolio because its worst product (1.021853056) is above 1.0.
        await Ok(marketing.PutAsJsonAsync("/api/claims/c56-share", Claim("portfolio", "c56", [tee5, tee6], "certified-content", 60, "60 % GOTS-certified cotton by weight across the range")));
        await Ok(marketing.PutAsJsonAsync("/api/claims/c56-limit", Claim("portfolio", "c56", [tee5, tee6], "footprint-at-most", 1.0m, "Every T-shirt: at most 1.0 kg CO2e per T-shirt, cradle to gate")));
        var share = await CheckedAsync(marketing.PostAsync("/api/claims/c56-share/verify", null));
        var limit = await CheckedAsync(marketing.PostAsync("/api/claims/c56-limit/verify", null));
        var badBatch = await marketing.PutAsJsonAsync("/api/claims/c5-bad", Claim("batch", tee5, ["c5-B1", "c5-B2"], "certified-content", 90, "90 % GOTS-certified cotton by weight"));

        Assert.Equal(50m, product.GetProperty("current").GetProperty("actual").GetDecimal());
        Assert.Equal("draft", product.GetProperty("status").GetString());
        Assert.Equal(100m, batch.GetProperty("current").GetProperty("actual").GetDecimal());
        Assert.Equal("verified", batch.GetProperty("status").GetString());
        Assert.Equal(66.67m, Math.Round(share.GetProperty("current").GetProperty("actual").GetDecimal(), 2));
        Assert.Equal("verified", share.GetProperty("status").GetString());
        Assert.Equal(1.021853056m, limit.GetProperty("current").GetProperty("actual").GetDecimal());
        Assert.Equal("draft", limit.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badBatch.StatusCode);
    }

    private Task<(HttpClient Supply, HttpClient Marketing, string Fabric, System.Text.Json.JsonElement Verified, System.Text.Json.JsonElement Published)> PublishAsync(string p)
        => ClaimWorkflow.PublishAsync(portal.Host, p);

    /// <summary>The claim after a verification: the 200 body, or the claim a 422 (failed check) carries.</summary>
    private static async Task<System.Text.Json.JsonElement> CheckedAsync(Task<HttpResponseMessage> verify)
    {
        var response = await verify;
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {body}");
        return response.StatusCode == HttpStatusCode.OK ? body : body.GetProperty("claim");
    }

    /// <summary>The claim's entry in the claims index, as the monitor reads it.</summary>
    private static async Task<EsgTrace.Claims.ClaimView> IndexedAsync(EsgTrace.SupplyChain.ISupplyChainDirectoryGrain directory, string id)
    {
        string? after = null;
        do
        {
            var page = await directory.List<EsgTrace.Claims.ClaimView>("claims", "all", after, 200);
            if (page.Items.FirstOrDefault(c => c.Id == id) is { } found)
            {
                return found;
            }

            after = page.NextAfterKey;
        }
        while (after is not null);

        throw new Xunit.Sdk.XunitException($"{id} is not in the claims index");
    }

    /// <summary>The claim's entry in GET /api/claims, read page by page.</summary>
    private static async Task<System.Text.Json.JsonElement> ListedAsync(HttpClient client, string id)
    {
        string? after = null;
        do
        {
            var page = await Ok(client.GetAsync("/api/claims?pageSize=100" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after))));
            foreach (var item in page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetString() == id))
            {
                return item;
            }

            after = page.GetProperty("nextAfterKey").GetString();
        }
        while (after is not null);

        throw new Xunit.Sdk.XunitException($"{id} is not in GET /api/claims");
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
