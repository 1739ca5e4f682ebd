using System.Net.Http.Json;
using System.Text.Json;
using EsgTrace.Accounts;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>The CIO opens the dashboard: charts drawn, the demo rightsizing's realised saving shown, a bad usage file refused with its rows.</summary>
[Collection(PortalCollection.Name)]
public sealed class GreenItBrowserTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task Cio_SeesChartsAndTheSaving_AndABadFileIsRefusedWithItsRows()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.It));
        var dashboard = await api.GetFromJsonAsync<JsonElement>("/api/green-it/dashboard");
        var expected = dashboard.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("actionId").GetString() == "rightsize-shop-api").GetProperty("savingKgCo2e").GetDecimal();

        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await SignInTests.SignInAsync(page, "cio", PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, "/green-it");

        // Each chart is an SVG with drawn shapes, not an empty frame.
        // MudBlazor draws bars as stroked vertical lines (zero-width boxes to Playwright), so measure their drawn height.
        await page.GetByTestId("chart-monthly").Locator("path.mud-chart-bar").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        const string DrawnBars = "id => [...document.querySelectorAll(`[data-testid=${id}] path.mud-chart-bar`)].filter(p => p.getBBox().height > 0).length";
        var monthlyBars = await page.EvaluateAsync<int>(DrawnBars, "chart-monthly");
        var regionBars = await page.EvaluateAsync<int>(DrawnBars, "chart-region");
        var donutSegments = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('[data-testid=chart-provider] path.mud-chart-serie')].filter(p => p.getBBox().width > 1).length");

        // 12 months × the workloads that ran in them (legacy reporting stopped in February): 4 to 5 bars a month.
        Assert.True(monthlyBars >= 48, $"the monthly chart drew {monthlyBars} bars");
        Assert.Equal(dashboard.GetProperty("byRegion").EnumerateObject().Count(), regionBars);
        Assert.Equal(dashboard.GetProperty("byProvider").EnumerateObject().Count(), donutSegments);
        await Assertions.Expect(page.GetByTestId("chart-provider").Locator(".mud-chart-legend")).ToContainTextAsync("on-premises");
        await Assertions.Expect(page.GetByTestId("saving-rightsize-shop-api")).ToHaveTextAsync(Reports.Co2eFormat.Kg(expected));
        await Assertions.Expect(page.GetByTestId("savings-table")).ToContainTextAsync("realised");
        await Assertions.Expect(page.GetByTestId("target-progress")).ToContainTextAsync("−30 % IT emissions by 2030");
        await Assertions.Expect(page.GetByTestId("opportunities")).ToContainTextAsync("Run in");
        await BrowserFixture.CaptureAsync(page, "green-it");

        var path = Path.Combine(Path.GetTempPath(), $"bad-usage-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "workload_id,period_start,period_end,provider,region,vcpu_hours,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb\nui-w,2026-01-01,2026-01-31,aws,eu-central-1,ten,0,0,0,0\n");
        await page.GetByTestId("usage-file").SetInputFilesAsync(path);
        await Assertions.Expect(page.GetByTestId("import-rejected")).ToContainTextAsync("nothing was imported");
        await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("vcpu_hours");
        await AxeCheck.AssertAccessibleAsync(page);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.GetAsync("/api/green-it/workloads/ui-w")).StatusCode);

        // Define a workload with the form, then import its usage with a good file.
        await page.GetByLabel("Workload id").FillAsync("ui-web");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("UI web front end");
        await page.GetByLabel("Owner (team)").FillAsync("Web team");
        await page.GetByLabel("Region (e.g. eu-central-1, westeurope, europe-west1)").FillAsync("eu-west-3");
        await page.GetByLabel("Functional unit (R of the SCI score)").FillAsync("visit");
        await page.GetByTestId("save-workload").ClickAsync();
        await Assertions.Expect(page.GetByTestId("workloads-table")).ToContainTextAsync("UI web front end");
        await File.WriteAllTextAsync(path, "workload_id,period_start,period_end,provider,region,vcpu_hours,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,functional_units\nui-web,2026-10-01,2026-10-31,aws,eu-west-3,744,1488,0,0,10,90000\n");
        await page.GetByTestId("usage-file").SetInputFilesAsync(path);
        await Assertions.Expect(page.GetByTestId("import-status")).ToContainTextAsync("Imported 1 rows for 1 workload(s).");
        var web = await (await api.GetAsync("/api/green-it/workloads/ui-web")).ReadJsonAsync();
        Assert.Equal(1, web.GetProperty("usageRecords").GetInt32());
        Assert.Equal("visit", web.GetProperty("definition").GetProperty("functionalUnit").GetString());
        File.Delete(path);
        await BrowserFixture.CloseAsync(page);
    }
}
