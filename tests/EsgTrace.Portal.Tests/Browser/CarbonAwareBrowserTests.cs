using System.Globalization;
using System.Net.Http.Json;
using EsgTrace.Accounts;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>The CIO imports a forecast in the portal and sees the advice name the best window and its saving; the workload form takes a GPU card.</summary>
[Collection(PortalCollection.Name)]
public sealed class CarbonAwareBrowserTests(PortalFixture portal, BrowserFixture browser)
{
    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Cio_ImportsAForecast_AndTheAdviceNamesTheWindowAndTheSaving()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.It));
        Assert.True((await api.PutAsJsonAsync("/api/green-it/workloads/ui-ca-batch", new { name = "UI batch", owner = "data", provider = "aws", region = "eu-south-1", functionalUnit = "run", flexibleSharePercent = 50 })).IsSuccessStatusCode);
        var now = DateTime.UtcNow;
        var h0 = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        // 0.40 for the first two hours (starting now costs 0.40 at any minute), 0.05 at h0+2, then 0.30.
        var values = new[] { 0.40m, 0.40m, 0.05m, 0.30m, 0.30m };
        var csv = "region,start,end,kg_co2e_per_kwh,kind\n" + string.Concat(values.Select((v, i) => $"aws:eu-south-1,{Iso(h0.AddHours(i))},{Iso(h0.AddHours(i + 1))},{v.ToString(CultureInfo.InvariantCulture)},forecast\n"));
        var path = Path.Combine(Path.GetTempPath(), $"forecast-{Guid.NewGuid():N}.csv");

        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "cio", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, "/green-it/carbon-aware");
        await page.GetByLabel("Dataset id").FillAsync("ui-forecast");
        await page.GetByLabel("Version").FillAsync("1");
        await page.GetByLabel("Source (publisher, dataset, date)").FillAsync("browser test forecaster");
        var file = page.GetByTestId("intensity-file");
        await Assertions.Expect(file).ToBeEnabledAsync();

        // A bad row refuses the file with its line, and nothing is listed.
        await File.WriteAllTextAsync(path, csv + "aws:eu-south-1,tomorrow,later,0.1,forecast\n");
        await file.SetInputFilesAsync(path);
        await Assertions.Expect(page.GetByTestId("intensity-rejected")).ToContainTextAsync("Nothing was imported");
        await Assertions.Expect(page.GetByTestId("intensity-errors")).ToContainTextAsync("Line 7: start 'tomorrow'");
        await Assertions.Expect(page.GetByTestId("intensity-datasets")).Not.ToContainTextAsync("ui-forecast@1");

        await File.WriteAllTextAsync(path, csv);
        await page.GetByTestId("intensity-file").SetInputFilesAsync(path);
        await Assertions.Expect(page.GetByTestId("intensity-datasets")).ToContainTextAsync("ui-forecast@1");

        await page.GetByLabel("Workload", new() { Exact = true }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "ui-ca-batch" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.GetByLabel("Job length (minutes)").FillAsync("60");
        await page.GetByLabel("Job energy (kWh, optional)").FillAsync("10");
        await page.GetByLabel("Job energy (kWh, optional)").PressAsync("Tab");
        await page.GetByTestId("get-advice").ClickAsync();

        // 10 kWh: now 0.40 → 4 kg; at h0+2 0.05 → 0.5 kg; expected saving 3.5 kg CO2e.
        await Assertions.Expect(page.GetByTestId("advice-explanation")).ToContainTextAsync($"from {Iso(h0.AddHours(2))} to {Iso(h0.AddHours(3))} UTC");
        await Assertions.Expect(page.GetByTestId("best-window")).ToContainTextAsync(h0.AddHours(2).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("expected-saving")).ToContainTextAsync(Reports.Co2eFormat.Kg(3.5m));
        await AxeCheck.AssertAccessibleAsync(page);
        await BrowserFixture.CaptureAsync(page, "carbon-aware");
        File.Delete(path);
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task WorkloadForm_TakesTheGpuCard()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.It));
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "cio", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, "/green-it");
        await page.GetByLabel("Workload id").FillAsync("ui-gpu");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("UI training");
        await page.GetByLabel("Owner (team)").FillAsync("ML team");
        await page.GetByLabel("Region (e.g. eu-central-1, westeurope, europe-west1)").FillAsync("eu-central-1");
        await page.GetByLabel("Functional unit (R of the SCI score)").FillAsync("model run");
        await page.GetByLabel("GPU card model").FillAsync("test accelerator");
        await page.GetByLabel("GPU card model").PressAsync("Tab");
        await page.GetByLabel("Card idle power (min W)").FillAsync("50");
        await page.GetByLabel("Card full-load power (max W)").FillAsync("400");
        await page.GetByLabel("Card embodied emissions (kg CO2e per card)").FillAsync("150");
        await page.GetByLabel("Source of the card figures").FillAsync("maker's data sheet");
        await page.GetByLabel("Source of the card figures").PressAsync("Tab");
        await page.GetByTestId("save-workload").ClickAsync();
        await Assertions.Expect(page.GetByTestId("workloads-table")).ToContainTextAsync("UI training");

        var gpu = (await (await api.GetAsync("/api/green-it/workloads/ui-gpu")).ReadJsonAsync()).GetProperty("definition").GetProperty("gpu");
        Assert.Equal(("test accelerator", 50m, 400m, 150m), (gpu.GetProperty("model").GetString(), gpu.GetProperty("minWatts").GetDecimal(), gpu.GetProperty("maxWatts").GetDecimal(), gpu.GetProperty("embodiedKgCo2e").GetDecimal()));
        await BrowserFixture.CloseAsync(page);
    }
}
