using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests.GreenIt;

/// <summary>
/// Green IT through the HTTP API against the portal's real cluster and store. The saving is worked out by hand with the
/// CCF method: AWS fallback watts (0.74 / 3.5 W per vCPU, 50 % when utilisation is unknown), PUE 1.135 and eu-central-1's
/// grid factor 0.311 kg CO2e/kWh.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class GreenItApiTests(PortalFixture portal)
{
    private const string Header = "workload_id,period_start,period_end,provider,region,vcpu_hours,cpu_utilisation_percent,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,replication_factor,measured_kwh,functional_units\n";

    private async Task<HttpClient> ClientAsync(Role role) => portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, role));

    private static StringContent Csv(string rows) => new(Header + rows, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Import_WithGoodAndBadRows_IsRefusedWhole_ThenActionAndAfterData_GiveTheHandComputedRealisedSaving()
    {
        var it = await ClientAsync(Role.It);

        // Two good rows and two bad ones: every error is reported with its line and column, and nothing is imported.
        var mixed = await it.PostAsync("/api/green-it/usage", Csv(
            "int-api,2026-01-01,2026-01-31,aws,eu-central-1,1000,,0,0,0,0,1,,1000\n" +
            "int-api,2026-01-01,2026-01-31,aws,eu-central-9,1000,,0,0,0,0,1,,1000\n" +
            "int-api,2026-02-01,2026-01-31,aws,eu-central-1,-5,,0,0,0,0,1,,1000\n" +
            "int-batch,2026-01-01,2026-01-31,aws,eu-central-1,10,,0,0,0,0,1,,10\n"));
        var problem = await mixed.ReadJsonAsync();
        Assert.Equal((HttpStatusCode)422, mixed.StatusCode);
        var errors = problem.GetProperty("rowErrors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt64(), e.GetProperty("column").GetString())).ToList();
        Assert.Contains((3L, "region"), errors);
        Assert.Contains((4L, "period_end"), errors);
        Assert.Contains((4L, "vcpu_hours"), errors);
        Assert.Equal(3, problem.GetProperty("errorCount").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await it.GetAsync("/api/green-it/workloads/int-api")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await it.GetAsync("/api/green-it/workloads/int-batch")).StatusCode);

        // Before: January, 1000 vCPU-h, 1000 units (per 1,000 requests).
        Assert.Equal(HttpStatusCode.OK, (await it.PutAsJsonAsync("/api/green-it/workloads/int-api", new { name = "Integration API", owner = "test", provider = "aws", region = "eu-central-1", functionalUnit = "1,000 requests" })).StatusCode);
        var before = await it.PostAsync("/api/green-it/usage", Csv("int-api,2026-01-01,2026-01-31,aws,eu-central-1,1000,,0,0,0,0,1,,1000\n"));
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        var action = await it.PutAsJsonAsync("/api/green-it/actions/int-rightsize", new { title = "Halve the API's vCPUs", kind = "rightsizing", effectiveFrom = "2026-02-01", workloadIds = new[] { "int-api" }, estimatedReductionPercent = 40 });
        Assert.Equal(HttpStatusCode.OK, action.StatusCode);

        // After: February, 500 vCPU-h, 1200 units, sent as JSON this time.
        var after = await it.PostAsJsonAsync("/api/green-it/usage", new { rows = new[] { new { workloadId = "int-api", periodStart = "2026-02-01", periodEnd = "2026-02-28", provider = "aws", region = "eu-central-1", vcpuHours = 500, memoryGbHours = 0, ssdTbHours = 0, hddTbHours = 0, networkGb = 0, functionalUnits = 1200 } } });
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);

        var dashboard = await (await it.GetAsync("/api/green-it/dashboard?from=2026-01-01&to=2026-02-28")).ReadJsonAsync();
        var saving = dashboard.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("actionId").GetString() == "int-rightsize");

        // before: (0.74 + 0.5 × 2.76) W × 1000 vCPU-h × 1.135 / 1000 = 2.4062 kWh × 0.311 = 0.74832820 kg for 1000 units
        // after:  the same × 500 vCPU-h                                  = 1.2031 kWh × 0.311 = 0.37416410 kg for 1200 units
        // saving: (0.0007483282 − 0.37416410 / 1200) kg per unit × 1200 units = 0.89799384 − 0.37416410 = 0.52382974 kg
        // percent: 1 − (0.5 / 1.2) = 58.33 %
        Assert.Equal("realised", saving.GetProperty("status").GetString());
        Assert.Equal(0.52382974m, Math.Round(saving.GetProperty("savingKgCo2e").GetDecimal(), 10));
        Assert.Equal(58.33m, Math.Round(saving.GetProperty("savingPercent").GetDecimal(), 2));
        var api = dashboard.GetProperty("workloads").EnumerateArray().Single(w => w.GetProperty("id").GetString() == "int-api");
        Assert.Equal(3.6093m, api.GetProperty("energyKwh").GetDecimal());
        Assert.Equal(1.1224923m, api.GetProperty("kgCo2e").GetDecimal());
        // SCI per 1,000 requests over both months: 1.1224923 kg / 2200 units
        Assert.Equal(Math.Round(1.1224923m / 2200, 12), Math.Round(api.GetProperty("sciKgPerUnit").GetDecimal(), 12));
    }

    [Fact]
    public async Task SameFileTwice_IsOneImport_AndTheRecordsAreNotDoubled()
    {
        var it = await ClientAsync(Role.It);
        var rows = "int-twice,2026-01-01,2026-01-31,gcp,europe-west1,100,40,0,0,0,0,1,,10\n";

        var first = await (await it.PostAsync("/api/green-it/usage", Csv(rows))).ReadJsonAsync();
        var second = await it.PostAsync("/api/green-it/usage", Csv(rows));
        var status = await (await it.GetAsync($"/api/green-it/imports/{first.GetProperty("id").GetString()}")).ReadJsonAsync();
        var workload = await (await it.GetAsync("/api/green-it/workloads/int-twice")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("applied", status.GetProperty("phase").GetString());
        Assert.Equal(1, status.GetProperty("appliedRows").GetInt64());
        Assert.Equal(1, workload.GetProperty("usageRecords").GetInt32());
    }

    [Fact]
    public async Task Writes_NeedTheItRole_AndBadInputIsAProblem()
    {
        var auditor = await ClientAsync(Role.Auditor);
        var marketing = await ClientAsync(Role.Marketing);
        var it = await ClientAsync(Role.It);

        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync("/api/green-it/usage", Csv("x,2026-01-01,2026-01-31,aws,eu-central-1,1,,0,0,0,0,1,,1\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/green-it/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.GetAsync("/api/green-it/dashboard")).StatusCode);
        var badRegion = await it.PutAsJsonAsync("/api/green-it/workloads/int-bad", new { name = "x", owner = "y", provider = "aws", region = "atlantis-1", functionalUnit = "run" });
        Assert.Equal(HttpStatusCode.BadRequest, badRegion.StatusCode);
        Assert.Contains("not in ccf-grid", (await badRegion.ReadJsonAsync()).GetProperty("errors").GetProperty("region")[0].GetString(), StringComparison.Ordinal);
        var unknownWorkload = await it.PutAsJsonAsync("/api/green-it/actions/int-a", new { title = "t", kind = "decommissioning", effectiveFrom = "2026-01-01", workloadIds = new[] { "nope" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownWorkload.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await it.PostAsync("/api/green-it/usage", new StringContent("x", Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await it.GetAsync("/api/green-it/dashboard?from=yesterday")).StatusCode);
    }

    [Fact]
    public async Task Advice_AndAnImportedHourlyDataset_NameTheirDataset()
    {
        var it = await ClientAsync(Role.It);
        var hours = string.Concat(Enumerable.Range(0, 24).Select(h => $"aws:eu-central-1,{h},0.4\naws:eu-north-1,{h},{(h < 4 ? "0.02" : "0.05")}\n"));
        var imported = await it.PostAsync("/api/green-it/hourly-datasets?id=int-hourly&version=1&source=hand-made%20test%20profile", new StringContent("region,hour_utc,kg_co2e_per_kwh\n" + hours, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        await it.PutAsJsonAsync("/api/green-it/workloads/int-batch-job", new { name = "Batch", owner = "data", provider = "aws", region = "eu-central-1", functionalUnit = "run", allowedRegions = new[] { "eu-north-1" }, flexibleSharePercent = 100 });
        Assert.Equal(HttpStatusCode.Created, (await it.PostAsync("/api/green-it/usage", Csv("int-batch-job,2026-01-01,2026-01-31,on-premises,DE,0,,0,0,0,0,1,10,1\n"))).StatusCode);

        var advice = await (await it.GetAsync("/api/green-it/workloads/int-batch-job/advice?from=2026-01-01&to=2026-01-31&dataset=int-hourly@1")).ReadJsonAsync();

        // 10 kWh metered (on-premises row), advised for the workload's cloud home: now 10 × 0.4 = 4 kg; all of it in eu-north-1 00-03 UTC at 0.02 = 0.2 kg
        Assert.Equal("int-hourly@1", advice.GetProperty("dataset").GetString());
        Assert.Equal(10m, advice.GetProperty("energyKwh").GetDecimal());
        Assert.Equal(3.8m, advice.GetProperty("best").GetProperty("savingKgCo2e").GetDecimal());
        Assert.Equal(0, advice.GetProperty("best").GetProperty("bestWindowStartHourUtc").GetInt32());
    }

    [Fact]
    public async Task Report_IsASignedPdf_WithTheDashboardsFigures()
    {
        var it = await ClientAsync(Role.It);
        var dashboard = await (await it.GetAsync("/api/green-it/dashboard?from=2025-11-01&to=2026-10-31")).ReadJsonAsync();
        var response = await it.GetAsync("/api/green-it/report.pdf?from=2025-11-01&to=2026-10-31");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "report.pdf");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());

        var (textExit, text) = Poppler.Run("pdftotext", path, "-");
        var (sigExit, sig) = Poppler.Run("pdfsig", path);
        var (detachExit, _) = Poppler.Run("pdfdetach", "-saveall", "-o", dir.Path, path);
        var attached = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dir.Path, "green-it-figures.json"))).RootElement;

        Assert.Equal(0, textExit);
        Assert.Contains("Green-IT report", text, StringComparison.Ordinal);
        Assert.Contains(Reports.Co2eFormat.Kg(dashboard.GetProperty("kgCo2e").GetDecimal()), text, StringComparison.Ordinal);
        Assert.Contains("Rightsize the shop API", text, StringComparison.Ordinal);
        Assert.Contains("ccf-grid@b7a049c7", text, StringComparison.Ordinal);
        Assert.Equal(0, sigExit);
        Assert.Contains("Signature is Valid", sig, StringComparison.Ordinal);
        Assert.Contains("Total document signed", sig, StringComparison.Ordinal);
        Assert.Equal(0, detachExit);
        Assert.Equal(dashboard.GetProperty("kgCo2e").GetDecimal(), attached.GetProperty("kgCo2e").GetDecimal());
    }
}
