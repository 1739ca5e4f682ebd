using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EsgTrace.Accounts;
using EsgTrace.Portal.Tests.Browser;
using EsgTrace.Testing;
using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests.Scorecard;

/// <summary>
/// The scorecard the CMO and the CIO share, on the figures of <see cref="ScorecardFixture"/>, worked out by hand:
/// IT emissions January–February 2026 = (1000 + 500) vCPU-h × 0.0007483282 = 0.7483282 + 0.3741641 = 1.1224923 kg CO2e;
/// the rightsizing's realised saving = (0.7483282 ÷ 1000 − 0.3741641 ÷ 1200) kg per unit × 1200 units = 0.52382974 kg
/// (GreenItApiTests); money: 300 EUR a month, payback 1,200 ÷ 300 = 4 months.
/// </summary>
[Collection(ScorecardCollection.Name)]
public sealed partial class ScorecardTests(ScorecardFixture fixture, BrowserFixture browser)
{
    private const string Period = "from=2026-01-01&to=2026-02-28";

    [Fact]
    public async Task Scorecard_ForTheCmoAndTheCio_HasTheHandWorkedFigures_EachWithItsLineage()
    {
        var marketing = fixture.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(fixture.Host, Role.Marketing));
        var it = fixture.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(fixture.Host, Role.It));
        var supply = fixture.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(fixture.Host, Role.SupplyChain));

        var s = await (await marketing.GetAsync("/api/scorecard?" + Period)).ReadJsonAsync();
        var same = await (await it.GetAsync("/api/scorecard?" + Period)).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await supply.GetAsync("/api/scorecard")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await marketing.GetAsync("/api/scorecard?from=yesterday")).StatusCode);

        // Claims: sc-published (valid 30 more days: expiring), sc-draft, sc-it (verified: in review).
        var c = s.GetProperty("claims");
        Assert.Equal((3, 1, 1, 1, 0, 1), (c.GetProperty("total").GetInt32(), c.GetProperty("published").GetInt32(), c.GetProperty("draft").GetInt32(), c.GetProperty("inReview").GetInt32(), c.GetProperty("atRisk").GetInt32(), c.GetProperty("expiring").GetInt32()));
        Assert.Equal(1, c.GetProperty("publishedEver").GetInt32());
        Assert.Equal(Math.Round(fixture.DaysToPublication, 2, MidpointRounding.AwayFromZero), c.GetProperty("medianDaysToPublication").GetDecimal());
        Assert.True(s.GetProperty("claimList").EnumerateArray().Single(x => x.GetProperty("id").GetString() == "sc-it").GetProperty("aboutIt").GetBoolean());

        // Product footprint over time: the T-shirt's one batch and now, 1.021853056 kg CO2e per piece (TestSupplyChain).
        var tee = s.GetProperty("products").EnumerateArray().Single(p => p.GetProperty("productId").GetString() == fixture.Tee);
        Assert.Equal(1.021853056m, tee.GetProperty("currentKgCo2e").GetDecimal());
        Assert.Equal(1.021853056m, tee.GetProperty("points")[0].GetProperty("kgCo2e").GetDecimal());

        // IT emissions by month and in total; the target's baseline is 2026 itself.
        var itKpi = s.GetProperty("it");
        Assert.Equal(1.1224923m, itKpi.GetProperty("kgCo2e").GetDecimal());
        Assert.Equal([0.7483282m, 0.3741641m], itKpi.GetProperty("monthlyKgCo2e").EnumerateArray().Select(v => v.GetDecimal()).ToArray());
        Assert.Equal(1.1224923m, itKpi.GetProperty("target").GetProperty("baselineKgCo2e").GetDecimal());

        // Savings in kg and in money.
        var saving = s.GetProperty("savings")[0];
        Assert.Equal("realised", saving.GetProperty("status").GetString());
        Assert.Equal(0.52382974m, Math.Round(saving.GetProperty("savingKgCo2e").GetDecimal(), 10));
        Assert.Equal(300m, saving.GetProperty("money").GetProperty("monthlySaving").GetDecimal());
        Assert.Equal(4m, saving.GetProperty("money").GetProperty("paybackMonths").GetDecimal());
        Assert.Equal(3600m, s.GetProperty("moneyTotals")[0].GetProperty("annualSaving").GetDecimal());

        // The CIO sees the same figures as the CMO.
        Assert.Equal(s.GetProperty("it").ToString(), same.GetProperty("it").ToString());
        Assert.Equal(s.GetProperty("claims").ToString(), same.GetProperty("claims").ToString());

        // Every lineage address answers the CMO.
        var addresses = new List<string> { c.GetProperty("lineage").GetString()!, tee.GetProperty("lineage").GetString()!, itKpi.GetProperty("lineage").GetString()!, saving.GetProperty("lineage").GetString()! };
        addresses.AddRange(s.GetProperty("claimList").EnumerateArray().Select(x => x.GetProperty("lineage").GetString()!));
        foreach (var address in addresses)
        {
            var response = await marketing.GetAsync(address);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var itLineage = await (await marketing.GetAsync(itKpi.GetProperty("lineage").GetString())).ReadJsonAsync();
        Assert.Equal(2, itLineage.GetProperty("records").GetArrayLength());
        Assert.Equal(0.7483282m, itLineage.GetProperty("records")[0].GetProperty("result").GetProperty("operationalKgCo2e").GetDecimal());
    }

    [Fact]
    public async Task ScorecardPdf_IsSigned_AndCarriesTheFigures()
    {
        var marketing = fixture.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(fixture.Host, Role.Marketing));
        var response = await marketing.GetAsync("/api/scorecard/report.pdf?" + Period);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scorecard.pdf");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        var keep = Environment.GetEnvironmentVariable("ESGTRACE_SCREENSHOTS");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            File.Copy(path, Path.Combine(keep, "scorecard.pdf"), true);
        }

        var (sigExit, sig) = Poppler.Run("pdfsig", path);
        var (textExit, text) = Poppler.Run("pdftotext", path, "-");
        var (detachExit, detach) = Poppler.Run("pdfdetach", "-saveall", "-o", dir.Path, path);
        var flat = Spaces().Replace(text, " ");
        var attached = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dir.Path, "scorecard.json"))).RootElement;

        Assert.True(sigExit == 0, sig);
        Assert.Contains("Signature is Valid.", sig, StringComparison.Ordinal);
        Assert.Equal(0, textExit);
        Assert.Contains("Claims, footprints and green IT", flat, StringComparison.Ordinal);
        Assert.Contains("IT emissions 2026-01-01 to 2026-02-28 1.1225 kg CO2e", flat, StringComparison.Ordinal);
        Assert.Contains("300.00 EUR a month", flat, StringComparison.Ordinal);
        Assert.Contains("4 months", flat, StringComparison.Ordinal);
        Assert.Contains("1,200.00 EUR", flat, StringComparison.Ordinal);
        Assert.Contains("0.52383", flat, StringComparison.Ordinal);
        Assert.Contains("1.0219", flat, StringComparison.Ordinal);
        Assert.Contains(fixture.Host.BaseAddress + "api/scorecard/lineage/it-emissions?from=2026-01-01&to=2026-02-28", flat, StringComparison.Ordinal);
        Assert.True(detachExit == 0, detach);
        Assert.Equal(1.1224923m, attached.GetProperty("it").GetProperty("kgCo2e").GetDecimal());
    }

    [Theory]
    [InlineData("marketing")]
    [InlineData("cio")]
    public async Task CmoAndCio_OpenTheScorecard_AndSeeTheChartsAndTheSavingsInMoney(string user)
    {
        var page = await browser.NewPageAsync(fixture.Host.BaseAddress);
        await SignInTests.SignInAsync(page, user, PortalHost.DemoPassword);
        await BrowserFixture.OpenAsync(page, "/scorecard");
        await page.GetByTestId("chart-it-monthly").Locator("path.mud-chart-line").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SetViewportSizeAsync(1280, 800);

        // Drawn shapes, not empty frames: the claims donut, the days bar, the IT line (and the target path), the savings bars.
        var donut = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('[data-testid=chart-claims] path.mud-chart-serie')].filter(p => p.getBBox().width > 1).length");
        var lines = await page.EvaluateAsync<int>("() => document.querySelectorAll('[data-testid=chart-it-monthly] path.mud-chart-line').length");
        const string DrawnBars = "id => [...document.querySelectorAll(`[data-testid=${id}] path.mud-chart-bar`)].filter(p => p.getBBox().height > 0).length";
        Assert.Equal(3, donut);       // published, in review, draft
        Assert.Equal(2, lines);       // IT emissions and the target path
        Assert.True(await page.EvaluateAsync<int>(DrawnBars, "chart-savings-kg") >= 1);
        Assert.True(await page.EvaluateAsync<int>(DrawnBars, "chart-savings-money") >= 2);
        Assert.Equal(1, await page.Locator($"[data-testid=chart-product-{fixture.Tee}] path.mud-chart-line").CountAsync());

        await Assertions.Expect(page.GetByTestId("claims-published")).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("claims-expiring")).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("it-kg")).ToContainTextAsync("1.1225");
        await Assertions.Expect(page.GetByTestId("money-EUR")).ToContainTextAsync("300.00 EUR");
        await Assertions.Expect(page.GetByTestId("scorecard-saving-sc-rightsize")).ToHaveTextAsync("0.52383");
        await Assertions.Expect(page.GetByTestId("scorecard-cost-sc-rightsize")).ToHaveTextAsync("1,200.00 EUR");
        await Assertions.Expect(page.GetByTestId("scorecard-monthly-sc-rightsize")).ToHaveTextAsync("300.00 EUR");
        await Assertions.Expect(page.GetByTestId("scorecard-payback-sc-rightsize")).ToHaveTextAsync("4 months");
        await Assertions.Expect(page.GetByTestId("it-kg-lineage")).ToHaveAttributeAsync("href", "/api/scorecard/lineage/it-emissions?from=" + DateTime.UtcNow.Date.AddYears(-1).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "&to=" + DateTime.UtcNow.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("scorecard-pdf")).ToHaveAttributeAsync("href", new Regex("^/api/scorecard/report.pdf\\?from="));
        await BrowserFixture.CaptureAsync(page, "scorecard-" + user);
        await BrowserFixture.CloseAsync(page);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
