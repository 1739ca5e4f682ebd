using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Claims;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Claims;

/// <summary>
/// A claim about IT through the real API, cluster and store: drafted by marketing, verified from the green-IT figures,
/// approved by the CIO (never the auditor), published with a signed proof, then broken by usage imported later and turned
/// at risk by the claim monitor. Figures by hand with the CCF method: a record of V vCPU-hours on AWS eu-central-1 without
/// utilisation is (0.74 + 0.5 × 2.76) W × V × PUE 1.135 ÷ 1000 kWh × 0.311 kg CO2e/kWh = V × 0.0007483282 kg CO2e.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ItClaimsApiTests(PortalFixture portal)
{
    private const string Header = "workload_id,period_start,period_end,provider,region,vcpu_hours,cpu_utilisation_percent,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,replication_factor,measured_kwh,functional_units\n";

    private async Task<HttpClient> ClientAsync(Role role) => portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, role));

    private static async Task ImportAsync(HttpClient it, string rows)
    {
        var response = await it.PostAsync("/api/green-it/usage", new StringContent(Header + rows, Encoding.UTF8, "text/csv"));
        var status = await response.ReadJsonAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, status.ToString());
        var id = status.GetProperty("id").GetString();
        for (var i = 0; i < 100 && status.GetProperty("phase").GetString() == "applying"; i++)
        {
            await Task.Delay(100);
            status = await (await it.GetAsync($"/api/green-it/imports/{id}")).ReadJsonAsync();
        }

        Assert.Equal("applied", status.GetProperty("phase").GetString());
    }

    private static object Draft(string workload, string type, decimal threshold, string wording, string scope = "workload")
        => new { productId = workload, type, threshold, wording, validUntil = "2030-12-31", scope, baselineFrom = "2025-01-01", baselineTo = "2025-03-31" };

    [Fact]
    public async Task ItClaim_IsDraftedVerifiedApprovedByTheCioPublished_ThenNewUsageTurnsItAtRisk()
    {
        var it = await ClientAsync(Role.It);
        var marketing = await ClientAsync(Role.Marketing);
        var auditor = await ClientAsync(Role.Auditor);
        var anonymous = portal.Host.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await it.PutAsJsonAsync("/api/green-it/workloads/itc-api", new { name = "Shop API (IT claim)", owner = "web", provider = "aws", region = "eu-central-1", functionalUnit = "1,000 requests" })).StatusCode);
        // baseline Q1 2025: 1000 vCPU-h for 1000 units; Q2 2026: 500 vCPU-h for 1000 units
        await ImportAsync(it, "itc-api,2025-01-01,2025-03-31,aws,eu-central-1,1000,,0,0,0,0,1,,1000\nitc-api,2026-04-01,2026-06-30,aws,eu-central-1,500,,0,0,0,0,1,,1000\n");

        // Refused drafts change nothing: an IT type on a product scope, and generic wording.
        var wrongScope = await marketing.PutAsJsonAsync("/api/claims/itc-wrong", Draft("itc-api", "it-emissions-per-unit-at-most", 0.0004m, "IT emissions at most 0.0004 kg CO2e per 1,000 requests", "product"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongScope.StatusCode);
        Assert.Contains("workload", (await wrongScope.ReadJsonAsync()).GetProperty("errors").GetProperty("scope")[0].GetString(), StringComparison.Ordinal);
        var generic = await marketing.PutAsJsonAsync("/api/claims/itc-generic", Draft("itc-api", "it-emissions-per-unit-at-most", 0.0004m, "Green IT: at most 0.0004 kg CO2e per 1,000 requests"));
        Assert.Equal(HttpStatusCode.BadRequest, generic.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await marketing.GetAsync("/api/claims/itc-generic")).StatusCode);

        await ClaimWorkflow.OkAsync(marketing.PutAsJsonAsync("/api/claims/itc-limit", Draft("itc-api", "it-emissions-per-unit-at-most", 0.0004m, "IT emissions of the shop API at most 0.0004 kg CO2e per 1,000 requests")));
        await ClaimWorkflow.OkAsync(marketing.PutAsJsonAsync("/api/claims/itc-cut", Draft("itc-api", "it-emissions-reduction", 40, "IT emissions of the shop API per 1,000 requests at least 40 % lower (kg CO2e) than in Q1 2025")));

        // window 2025-07-01..2026-06-30: 500 × 0.0007483282 = 0.3741641 kg ÷ 1000 units = 0.0003741641 kg per 1,000 requests
        var verified = await ClaimWorkflow.OkAsync(marketing.PostAsync("/api/claims/itc-limit/verify", null));
        Assert.Equal("verified", verified.GetProperty("status").GetString());
        Assert.Equal(0.0003741641m, verified.GetProperty("current").GetProperty("actual").GetDecimal());
        Assert.Equal("Verified: the data substantiates this claim; the CIO (IT) must approve it.", verified.GetProperty("current").GetProperty("headline").GetString());
        // baseline 0.7483282 kg ÷ 1000 = 0.0007483282 per unit: (0.0007483282 − 0.0003741641) ÷ 0.0007483282 = 50 %
        var cut = await ClaimWorkflow.OkAsync(marketing.PostAsync("/api/claims/itc-cut/verify", null));
        Assert.Equal(50m, cut.GetProperty("current").GetProperty("actual").GetDecimal());

        // The CIO approves claims about IT: the auditor (who may approve product claims) and marketing may not.
        var byAuditor = await auditor.PostAsync("/api/claims/itc-limit/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, byAuditor.StatusCode);
        Assert.Contains("CIO", (await byAuditor.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.PostAsync("/api/claims/itc-limit/approve", null)).StatusCode);
        Assert.Equal("verified", (await (await marketing.GetAsync("/api/claims/itc-limit")).ReadJsonAsync()).GetProperty("status").GetString());
        await ClaimWorkflow.OkAsync(it.PostAsync("/api/claims/itc-limit/approve", null));
        await ClaimWorkflow.OkAsync(it.PostAsync("/api/claims/itc-cut/approve", null));
        var published = await ClaimWorkflow.OkAsync(marketing.PostAsync("/api/claims/itc-limit/publish", null));
        await ClaimWorkflow.OkAsync(marketing.PostAsync("/api/claims/itc-cut/publish", null));
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(new List<string> { "drafted", "verified", "approved", "published" }, published.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()!).ToList());

        // The proof, read back by poppler: signed, the statement, the figure with its unit, what it covers and the lineage.
        var lineageRoot = published.GetProperty("publishedFigures").GetProperty("lineageRootSha256").GetString()!;
        using (var dir = new TempDirectory())
        {
            var path = Path.Combine(dir.Path, "proof.pdf");
            await File.WriteAllBytesAsync(path, await anonymous.GetByteArrayAsync("/verify/itc-limit/proof.pdf"));
            var (sigExit, sig) = Poppler.Run("pdfsig", path);
            var (textExit, text) = Poppler.Run("pdftotext", path, "-");
            var (detachExit, detach) = Poppler.Run("pdfdetach", "-saveall", "-o", dir.Path, path);
            var flat = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "); // pdftotext breaks wrapped lines
            Assert.True(sigExit == 0, sig);
            Assert.Contains("Signature is Valid.", sig, StringComparison.Ordinal);
            Assert.Equal(0, textExit);
            Assert.Contains("IT emissions claim proof", flat, StringComparison.Ordinal);
            Assert.Contains("IT emissions of the shop API at most 0.0004 kg CO2e per 1,000 requests", flat, StringComparison.Ordinal);
            Assert.Contains("0.0003741641 kg CO2e per 1,000 requests", flat, StringComparison.Ordinal);
            Assert.Contains("Shop API (IT claim) (itc-api)", flat, StringComparison.Ordinal);
            Assert.Contains("grid aws:EU_CENTRAL_1", flat, StringComparison.Ordinal);
            Assert.Contains("2025-07-01 to 2026-06-30", flat, StringComparison.Ordinal);
            Assert.Contains(lineageRoot, text.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal([portal.Host.BaseAddress + "verify/itc-limit"], ProofText.VerifyAtAddresses(text));
            Assert.True(detachExit == 0, detach);
            var lineage = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dir.Path, "lineage.json"))).RootElement;
            Assert.Equal(lineageRoot, lineage.GetProperty("it").GetProperty("rootSha256").GetString());
            Assert.Equal(1, lineage.GetProperty("records").GetArrayLength());
        }

        var publicPage = await anonymous.GetStringAsync("/verify/itc-limit");
        Assert.Contains("IT workload", publicPage, StringComparison.Ordinal);
        Assert.Contains("Shop API (IT claim)", publicPage, StringComparison.Ordinal);
        var status = await (await anonymous.GetAsync("/verify/itc-limit/status")).ReadJsonAsync();
        Assert.Equal("published", status.GetProperty("status").GetString());
        var prov = await marketing.GetAsync("/api/claims/itc-limit/lineage?format=prov");
        Assert.Equal(HttpStatusCode.OK, prov.StatusCode);
        Assert.Contains("usage-emissions", await prov.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // July 2026 comes in through the usage import: 1000 vCPU-h for only 200 units. The window moves to 2025-08-01..2026-07-31:
        // (0.3741641 + 0.7483282) kg ÷ 1200 units = 0.00093541025 per unit, above 0.0004; and (0.0007483282 − 0.00093541025) ÷ 0.0007483282 = −25 %.
        await ImportAsync(it, "itc-api,2026-07-01,2026-07-31,aws,eu-central-1,1000,,0,0,0,0,1,,200\n");
        var changed = await portal.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IClaimMonitorGrain>(0).CheckAll();
        Assert.True(changed >= 2, $"the monitor changed {changed} claims");

        var atRisk = await ClaimWorkflow.OkAsync(marketing.GetAsync("/api/claims/itc-limit"));
        Assert.Equal("at-risk", atRisk.GetProperty("status").GetString());
        Assert.Equal(0.00093541025m, atRisk.GetProperty("current").GetProperty("actual").GetDecimal());
        Assert.Equal("at risk", atRisk.GetProperty("steps").EnumerateArray().Last().GetProperty("step").GetString());
        Assert.Contains("above the claimed 0.0004", atRisk.GetProperty("current").GetProperty("finding").GetString(), StringComparison.Ordinal);
        var cutNow = await ClaimWorkflow.OkAsync(marketing.GetAsync("/api/claims/itc-cut"));
        Assert.Equal("at-risk", cutNow.GetProperty("status").GetString());
        Assert.Equal(-25m, cutNow.GetProperty("current").GetProperty("actual").GetDecimal());
        var publicNow = await (await anonymous.GetAsync("/verify/itc-limit/status")).ReadJsonAsync();
        Assert.Equal("at-risk", publicNow.GetProperty("status").GetString());
    }
}
