using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Portal.Tests.Claims;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests.Scorecard;

[CollectionDefinition(Name)]
public sealed class ScorecardCollection : ICollectionFixture<ScorecardFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "scorecard";
}

/// <summary>
/// A portal of its own (no demo supply chain or green IT), so every scorecard figure is known: the test supply chain's
/// T-shirt (1.021853056 kg CO2e per piece, one batch) with a published claim valid for 30 more days, a draft, a verified IT
/// claim; one workload: January 2026 1000 vCPU-h for 1000 units, February 500 vCPU-h for 1200 units on AWS eu-central-1
/// (V vCPU-h = V × 0.0007483282 kg CO2e, see ItClaimsApiTests); a rightsizing from 2026-02-01 that cost 1,200 EUR and
/// saves 300 EUR a month; a −30 % target against 2026.
/// </summary>
public sealed class ScorecardFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public PortalHost Host { get; private set; } = null!;

    public string Tee { get; private set; } = string.Empty;

    /// <summary>The published claim's days from draft to publication, from its recorded steps.</summary>
    public decimal DaysToPublication { get; private set; }

    public async Task InitializeAsync()
    {
        Host = new PortalHost(_directory.Path, new Dictionary<string, string?> { ["Demo:SeedSupplyChain"] = "false" });
        var supply = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.SupplyChain));
        var marketing = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.Marketing));
        var it = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.It));
        (Tee, _) = await TestSupplyChain.RecordAsync(supply, "sc");

        var soon = DateTime.UtcNow.Date.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await ClaimWorkflow.OkAsync(marketing.PutAsJsonAsync("/api/claims/sc-published", new { productId = Tee, type = "footprint-at-most", threshold = 1.1m, wording = "Cradle-to-gate footprint of at most 1.1 kg CO2e per T-shirt", validUntil = soon }));
        await ClaimWorkflow.OkAsync(marketing.PostAsync("/api/claims/sc-published/verify", null));
        await ClaimWorkflow.OkAsync(it.PostAsync("/api/claims/sc-published/approve", null));
        var published = await ClaimWorkflow.OkAsync(marketing.PostAsync("/api/claims/sc-published/publish", null));
        var steps = published.GetProperty("steps").EnumerateArray().ToList();
        var drafted = steps.First(s => s.GetProperty("step").GetString() == "drafted").GetProperty("at").GetDateTimeOffset();
        var at = steps.First(s => s.GetProperty("step").GetString() == "published").GetProperty("at").GetDateTimeOffset();
        DaysToPublication = Math.Round((decimal)(at - drafted).TotalDays, 4);
        await ClaimWorkflow.OkAsync(marketing.PutAsJsonAsync("/api/claims/sc-draft", new { productId = Tee, type = "recycled-content", threshold = 10, wording = "At least 10 % recycled content", validUntil = "2030-12-31" }));

        Assert.Equal(HttpStatusCode.OK, (await it.PutAsJsonAsync("/api/green-it/workloads/sc-api", new { name = "Scorecard API", owner = "web", provider = "aws", region = "eu-central-1", functionalUnit = "1,000 requests" })).StatusCode);
        var usage = await it.PostAsync("/api/green-it/usage", new StringContent(
            "workload_id,period_start,period_end,provider,region,vcpu_hours,cpu_utilisation_percent,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,replication_factor,measured_kwh,functional_units\n" +
            "sc-api,2026-01-01,2026-01-31,aws,eu-central-1,1000,,0,0,0,0,1,,1000\nsc-api,2026-02-01,2026-02-28,aws,eu-central-1,500,,0,0,0,0,1,,1200\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, usage.StatusCode);
        var action = await it.PutAsJsonAsync("/api/green-it/actions/sc-rightsize", new
        {
            title = "Halve the scorecard API's vCPUs", kind = "rightsizing", effectiveFrom = "2026-02-01", workloadIds = new[] { "sc-api" },
            cost = new { oneOffCost = 1200, recurringSaving = 300, period = "month", currency = "EUR" },
        });
        Assert.True(action.IsSuccessStatusCode, await action.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await it.PutAsJsonAsync("/api/green-it/target", new { baselineYear = 2026, targetYear = 2030, reductionPercent = 30, title = "−30 % IT emissions by 2030 (vs 2026)" })).StatusCode);
        await ClaimWorkflow.OkAsync(marketing.PutAsJsonAsync("/api/claims/sc-it", new { productId = "sc-api", type = "it-emissions-per-unit-at-most", threshold = 0.0006m, wording = "IT emissions of the scorecard API at most 0.0006 kg CO2e per 1,000 requests", validUntil = "2030-12-31", scope = "workload" }));
        await ClaimWorkflow.OkAsync(marketing.PostAsync("/api/claims/sc-it/verify", null));
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
