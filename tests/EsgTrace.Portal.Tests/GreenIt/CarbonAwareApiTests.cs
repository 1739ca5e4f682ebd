using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EsgTrace.Accounts;
using Xunit;

namespace EsgTrace.Portal.Tests.GreenIt;

/// <summary>
/// The Carbon Aware SDK-shaped endpoints, the intensity import and forward advice against the portal's real cluster and
/// store. Each test uses its own regions, so the datasets of one do not reach another. Ratings are g CO2e/kWh (kg × 1000).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CarbonAwareApiTests(PortalFixture portal)
{
    private const string Header = "region,start,end,kg_co2e_per_kwh,kind\n";

    private async Task<HttpClient> ClientAsync(Role role) => portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, role));

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Rows(string region, DateTimeOffset first, string kind, params decimal[] values)
        => string.Concat(values.Select((v, i) => $"{region},{Iso(first.AddHours(i))},{Iso(first.AddHours(i + 1))},{v.ToString(CultureInfo.InvariantCulture)},{kind}\n"));

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string query, string rows)
        => client.PostAsync("/api/green-it/intensity-datasets?" + query, new StringContent(Header + rows, Encoding.UTF8, "text/csv"));

    private static async Task<int> DatasetCountAsync(HttpClient client) => (await (await client.GetAsync("/api/green-it/intensity-datasets")).ReadJsonAsync()).GetArrayLength();

    private static IReadOnlyDictionary<string, JsonElement> Errors(JsonElement problem) => problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public async Task ForecastImport_GivesTheCurrentForecastInTheSdkShape_AndAdviceNamingTheBestWindowWithItsSaving()
    {
        var it = await ClientAsync(Role.It);
        var h0 = new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, DateTime.UtcNow.Day, DateTime.UtcNow.Hour, 0, 0, TimeSpan.Zero);
        // The first two hours are equal, so starting "now" (at any minute of the first hour) costs 0.30 kg CO2e/kWh.
        var rows = Rows("aws:eu-west-3", h0, "forecast", 0.30m, 0.30m, 0.20m, 0.10m, 0.15m, 0.40m, 0.50m, 0.45m);

        var imported = await ImportAsync(it, $"id=ca-fc-west3&version=1&source=test+forecaster&generatedAt={Iso(h0.AddMinutes(-5))}", rows);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var summary = await imported.ReadJsonAsync();
        Assert.Equal("ca-fc-west3@1", summary.GetProperty("ref").GetString());
        Assert.Equal(8, summary.GetProperty("forecastPoints").GetInt32());
        Assert.Equal("aws:EU_WEST_3", summary.GetProperty("locations")[0].GetString());

        // The same file again is the same import; other figures under the same id@version are refused and change nothing.
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(it, $"id=ca-fc-west3&version=1&source=test+forecaster&generatedAt={Iso(h0.AddMinutes(-5))}", rows)).StatusCode);
        var count = await DatasetCountAsync(it);
        var changed = await ImportAsync(it, $"id=ca-fc-west3&version=1&source=test+forecaster&generatedAt={Iso(h0.AddMinutes(-5))}", rows.Replace("0.45", "0.46", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal(count, await DatasetCountAsync(it));

        // GET /emissions/forecasts/current, 2-hour windows stepped by the 1-hour points:
        // (0.30+0.30)/2 = 0.30, (0.30+0.20)/2 = 0.25, (0.20+0.10)/2 = 0.15, (0.10+0.15)/2 = 0.125, (0.15+0.40)/2 = 0.275, (0.40+0.50)/2 = 0.45, (0.50+0.45)/2 = 0.475
        var auditor = await ClientAsync(Role.Auditor);
        var current = await auditor.GetAsync("/api/carbon-aware/emissions/forecasts/current?location=aws:eu-west-3&windowSize=120");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var forecast = (await current.ReadJsonAsync())[0];
        Assert.Equal("aws:EU_WEST_3", forecast.GetProperty("location").GetString());
        Assert.Equal(h0.AddMinutes(-5), forecast.GetProperty("generatedAt").GetDateTimeOffset());
        Assert.Equal(h0, forecast.GetProperty("dataStartAt").GetDateTimeOffset());
        Assert.Equal(h0.AddHours(8), forecast.GetProperty("dataEndAt").GetDateTimeOffset());
        Assert.Equal(120, forecast.GetProperty("windowSize").GetInt32());
        Assert.Equal([300m, 250m, 150m, 125m, 275m, 450m, 475m], forecast.GetProperty("forecastData").EnumerateArray().Select(p => p.GetProperty("value").GetDecimal()));
        var optimal = forecast.GetProperty("optimalDataPoints").EnumerateArray().Single();
        Assert.Equal(h0.AddHours(3), optimal.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(120, optimal.GetProperty("duration").GetInt32());
        Assert.Equal(125m, optimal.GetProperty("value").GetDecimal());

        // dataStartAt/dataEndAt scope the points: [h0+4, h0+7) with 60-minute windows are the points themselves.
        var scoped = (await (await auditor.GetAsync($"/api/carbon-aware/emissions/forecasts/current?location=aws:eu-west-3&dataStartAt={Iso(h0.AddHours(4))}&dataEndAt={Iso(h0.AddHours(7))}&windowSize=60")).ReadJsonAsync())[0];
        Assert.Equal([150m, 400m, 500m], scoped.GetProperty("forecastData").EnumerateArray().Select(p => p.GetProperty("value").GetDecimal()));

        // Forward advice for a 60-minute job of 10 kWh: now = 0.30 → 3.0 kg; best h0+3 at 0.10 → 1.0 kg; saving 2.0 kg CO2e.
        Assert.Equal(HttpStatusCode.OK, (await it.PutAsJsonAsync("/api/green-it/workloads/ca-batch", new { name = "Nightly batch", owner = "data", provider = "aws", region = "eu-west-3", functionalUnit = "run", flexibleSharePercent = 50 })).StatusCode);
        var advice = await (await it.GetAsync("/api/green-it/workloads/ca-batch/forecast-advice?windowSize=60&energyKwh=10")).ReadJsonAsync();
        var best = advice.GetProperty("best");
        Assert.Equal("aws:EU_WEST_3", best.GetProperty("location").GetString());
        Assert.Equal(h0.AddHours(3), best.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(h0.AddHours(4), best.GetProperty("end").GetDateTimeOffset());
        Assert.Equal(0.30m, advice.GetProperty("runNow").GetProperty("meanKgCo2ePerKwh").GetDecimal());
        Assert.Equal(2.0m, advice.GetProperty("savingKgCo2e").GetDecimal());
        Assert.Contains($"from {Iso(h0.AddHours(3))} to {Iso(h0.AddHours(4))} UTC", advice.GetProperty("explanation").GetString());
        Assert.Contains("expected saving of 2 kg CO2e", advice.GetProperty("explanation").GetString());

        // Without energyKwh the job is the workload's own mean: 1000 vCPU-h on one day = (0.74 + 0.5 × 2.76) × 1000 × 1.135 / 1000
        // = 2.4062 kWh over 24 h = 0.10025833… kWh/h × 1 h × 50 % flexible = 0.050129166… kWh; saving × (0.30 − 0.10) = 0.010025833… kg
        var usage = await it.PostAsync("/api/green-it/usage", new StringContent(
            "workload_id,period_start,period_end,provider,region,vcpu_hours,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb\nca-batch,2026-01-05,2026-01-05,aws,eu-west-3,1000,0,0,0,0\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, usage.StatusCode);
        var own = await (await it.GetAsync("/api/green-it/workloads/ca-batch/forecast-advice?windowSize=60")).ReadJsonAsync();
        Assert.Equal(Math.Round(2.4062m / 24 * 0.5m, 12), Math.Round(own.GetProperty("energyKwh").GetDecimal(), 12));
        Assert.Equal(Math.Round(2.4062m / 24 * 0.5m * 0.2m, 12), Math.Round(own.GetProperty("savingKgCo2e").GetDecimal(), 12));

        // A forecast generated later becomes the current one; one generated earlier but imported later does not.
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(it, $"id=ca-fc-west3&version=2&source=test+forecaster&generatedAt={Iso(h0.AddMinutes(-1))}", Rows("aws:eu-west-3", h0, "forecast", 0.2m, 0.2m))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(it, $"id=ca-fc-west3-old&version=1&source=test+forecaster&generatedAt={Iso(h0.AddHours(-3))}", Rows("aws:eu-west-3", h0, "forecast", 0.9m, 0.9m))).StatusCode);
        var newest = (await (await auditor.GetAsync("/api/carbon-aware/emissions/forecasts/current?location=aws:eu-west-3")).ReadJsonAsync())[0];
        Assert.Equal("ca-fc-west3@2", newest.GetProperty("dataset").GetString());
        Assert.Equal([200m, 200m], newest.GetProperty("forecastData").EnumerateArray().Select(p => p.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task ForecastsCurrent_BadParameters_AreProblemDetailsNamingTheParameter()
    {
        var it = await ClientAsync(Role.It);
        var h0 = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(it, "id=ca-fc-bad&version=1&source=test", Rows("gcp:europe-west9", h0, "forecast", 0.1m, 0.2m, 0.3m))).StatusCode);

        async Task Refused(string query, HttpStatusCode status, string? field)
        {
            var response = await it.GetAsync("/api/carbon-aware/emissions/forecasts/current?" + query);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (field is not null)
            {
                Assert.True(Errors(await response.ReadJsonAsync()).ContainsKey(field), query);
            }
        }

        await Refused("", HttpStatusCode.BadRequest, "location");
        await Refused("location=europe-west9", HttpStatusCode.BadRequest, "location");
        await Refused("location=gcp:europe-west9&windowSize=abc", HttpStatusCode.BadRequest, "windowSize");
        await Refused("location=gcp:europe-west9&windowSize=0", HttpStatusCode.BadRequest, "windowSize");
        await Refused("location=gcp:europe-west9&dataStartAt=yesterday", HttpStatusCode.BadRequest, "dataStartAt");
        await Refused($"location=gcp:europe-west9&dataStartAt={Iso(h0.AddHours(-1))}", HttpStatusCode.BadRequest, "dataStartAt");
        await Refused($"location=gcp:europe-west9&dataEndAt={Iso(h0.AddHours(4))}", HttpStatusCode.BadRequest, "dataEndAt");
        await Refused($"location=gcp:europe-west9&dataStartAt={Iso(h0.AddHours(2))}&dataEndAt={Iso(h0.AddHours(1))}", HttpStatusCode.BadRequest, "dataStartAt");
        await Refused("location=gcp:nowhere-1", HttpStatusCode.NotFound, null);

        // Forward advice: bad window, bad energy, unknown workload.
        Assert.Equal(HttpStatusCode.BadRequest, (await it.GetAsync("/api/green-it/workloads/ca-none/forecast-advice?windowSize=-5")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await it.GetAsync("/api/green-it/workloads/ca-none/forecast-advice?energyKwh=lots")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await it.GetAsync("/api/green-it/workloads/ca-none/forecast-advice")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientAsync(Role.Marketing)).GetAsync("/api/carbon-aware/emissions/forecasts/current?location=gcp:europe-west9")).StatusCode);
    }

    [Fact]
    public async Task MeasuredImport_AnswersByLocationsAndBest_AndUsageInThoseHoursUsesTheirFactor()
    {
        var it = await ClientAsync(Role.It);
        var day = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        // 1 March 2026 in aws:eu-west-2: hours 00-11 at 0.2, hours 12-23 at 0.4 kg CO2e/kWh.
        var rows = Rows("aws:eu-west-2", day, "measured", [.. Enumerable.Range(0, 24).Select(h => h < 12 ? 0.2m : 0.4m)]);

        // A file with one bad row is refused whole: no dataset is listed.
        var before = await DatasetCountAsync(it);
        var bad = await ImportAsync(it, "id=ca-m-west2&version=1&source=test+grid+operator", rows + "aws:eu-west-2,2026-03-02T00:00:00Z,2026-03-02T01:00:00Z,9,measured\n");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Line 26: kg_co2e_per_kwh", Errors(await bad.ReadJsonAsync())["file"][0].GetString());
        Assert.Equal(before, await DatasetCountAsync(it));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await it.PostAsync("/api/green-it/intensity-datasets?id=x&version=1&source=s", new StringContent(Header, Encoding.UTF8, "application/json"))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(it, "id=ca-m-west2&version=1&source=test+grid+operator", rows)).StatusCode);

        // [10:00, 12:00]: the points starting 10:00, 11:00 and 12:00 (each ends after 10:00 and starts by 12:00)
        var auditor = await ClientAsync(Role.Auditor);
        var by = await auditor.GetAsync("/api/carbon-aware/emissions/bylocations?location=aws:eu-west-2&location=aws:eu-west-1&time=2026-03-01T10:00:00Z&toTime=2026-03-01T12:00:00Z");
        Assert.Equal(HttpStatusCode.OK, by.StatusCode);
        var data = (await by.ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal([(day.AddHours(10), 200m), (day.AddHours(11), 200m), (day.AddHours(12), 400m)], data.Select(d => (d.GetProperty("time").GetDateTimeOffset(), d.GetProperty("rating").GetDecimal())));
        Assert.All(data, d => Assert.Equal(("aws:EU_WEST_2", "01:00:00"), (d.GetProperty("location").GetString(), d.GetProperty("duration").GetString())));

        var best = (await (await auditor.GetAsync("/api/carbon-aware/emissions/bylocations/best?location=aws:eu-west-2&time=2026-03-01T10:00:00Z&toTime=2026-03-01T12:00:00Z")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal([day.AddHours(10), day.AddHours(11)], best.Select(d => d.GetProperty("time").GetDateTimeOffset()));

        // No data for the time asked: 204, as the SDK answers.
        Assert.Equal(HttpStatusCode.NoContent, (await auditor.GetAsync("/api/carbon-aware/emissions/bylocations?location=aws:eu-west-2&time=2025-01-01&toTime=2025-01-02")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await auditor.GetAsync("/api/carbon-aware/emissions/bylocations/best?location=aws:eu-west-2&time=2025-01-01&toTime=2025-01-02")).StatusCode);

        // Bad parameters, as the SDK refuses them.
        foreach (var (query, field) in new[]
        {
            ("time=2026-03-01", "location"),
            ("location=aws:eu-west-2&toTime=2026-03-02", "time"),
            ("location=aws:eu-west-2&time=2026-03-02&toTime=2026-03-01", "time"),
            ("location=aws:eu-west-2&time=March", "time"),
            ("location=nowhere&time=2026-03-01", "location"),
        })
        {
            foreach (var path in new[] { "/api/carbon-aware/emissions/bylocations", "/api/carbon-aware/emissions/bylocations/best" })
            {
                var response = await auditor.GetAsync(path + "?" + query);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.True(Errors(await response.ReadJsonAsync()).ContainsKey(field), path + "?" + query);
            }
        }

        // Usage on 1 March in eu-west-2 takes that day's measured mean: (12 × 0.2 + 12 × 0.4) / 24 = 0.3 kg CO2e/kWh;
        // 100 vCPU-h = (0.74 + 0.5 × 2.76) × 100 × 1.135 / 1000 = 0.24062 kWh × 0.3 = 0.072186 kg. 2 March is not measured: CCF's 0.225.
        Assert.Equal(HttpStatusCode.OK, (await it.PutAsJsonAsync("/api/green-it/workloads/ca-matched", new { name = "Matched", owner = "t", provider = "aws", region = "eu-west-2", functionalUnit = "run" })).StatusCode);
        var usage = await it.PostAsync("/api/green-it/usage", new StringContent(
            "workload_id,period_start,period_end,provider,region,vcpu_hours,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb\n" +
            "ca-matched,2026-03-01,2026-03-01,aws,eu-west-2,100,0,0,0,0\nca-matched,2026-03-02,2026-03-02,aws,eu-west-2,100,0,0,0,0\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, usage.StatusCode);
        var emissions = (await (await auditor.GetAsync("/api/green-it/workloads/ca-matched/emissions")).ReadJsonAsync()).EnumerateArray().ToList();
        var march1 = emissions.Single(e => e.GetProperty("periodStart").GetString() == "2026-03-01");
        Assert.Equal(0.3m, march1.GetProperty("result").GetProperty("gridKgCo2ePerKwh").GetDecimal());
        Assert.Equal(0.072186m, march1.GetProperty("result").GetProperty("operationalKgCo2e").GetDecimal());
        Assert.Contains("ca-m-west2@1", march1.GetProperty("gridSource").GetString());
        var march2 = emissions.Single(e => e.GetProperty("periodStart").GetString() == "2026-03-02");
        Assert.Equal(0.225m, march2.GetProperty("result").GetProperty("gridKgCo2ePerKwh").GetDecimal());
    }

    [Fact]
    public async Task GpuWorkload_ThroughTheApi_GivesTheHandComputedEnergyAndEmbodiedShare()
    {
        var it = await ClientAsync(Role.It);
        var badCard = await it.PutAsJsonAsync("/api/green-it/workloads/ca-gpu", new { name = "Training", owner = "ml", provider = "aws", region = "eu-central-1", functionalUnit = "model run", gpu = new { model = "card", minWatts = 500, maxWatts = 400, embodiedKgCo2e = 150, source = "sheet" } });
        Assert.Equal(HttpStatusCode.BadRequest, badCard.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await it.GetAsync("/api/green-it/workloads/ca-gpu")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await it.PutAsJsonAsync("/api/green-it/workloads/ca-gpu", new { name = "Training", owner = "ml", provider = "aws", region = "eu-central-1", functionalUnit = "model run", gpu = new { model = "test accelerator", minWatts = 50, maxWatts = 400, embodiedKgCo2e = 150, source = "test data sheet" } })).StatusCode);
        var usage = await it.PostAsJsonAsync("/api/green-it/usage", new { rows = new[] { new { workloadId = "ca-gpu", periodStart = "2026-01-01", periodEnd = "2026-01-31", provider = "aws", region = "eu-central-1", vcpuHours = 0, memoryGbHours = 0, ssdTbHours = 0, hddTbHours = 0, networkGb = 0, gpuHours = 100, gpuUtilisationPercent = 80 } } });
        Assert.Equal(HttpStatusCode.Created, usage.StatusCode);

        var e = (await (await it.GetAsync("/api/green-it/workloads/ca-gpu/emissions")).ReadJsonAsync())[0].GetProperty("result");
        // (50 + 0.8 × 350) W = 330 W × 100 GPU-h × PUE 1.135 / 1000 = 37.455 kWh × 0.311 = 11.648505 kg; embodied 150 × 100 / 35040 = 0.42808219… kg
        Assert.Equal(37.455m, e.GetProperty("gpuKwh").GetDecimal());
        Assert.Equal(11.648505m, e.GetProperty("operationalKgCo2e").GetDecimal());
        Assert.Equal(0.428082191781m, Math.Round(e.GetProperty("embodiedKgCo2e").GetDecimal(), 12));
    }
}
