using System.Net;
using System.Text;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests.GreenIt;

/// <summary>An imported intensity dataset is read back from the store after the whole platform restarts on the same data folder.</summary>
public sealed class IntensityRestartTests
{
    [Fact]
    public async Task ImportedIntensity_AnswersTheSameAfterARestart()
    {
        using var directory = new TempDirectory();
        string token;
        const string Query = "/api/carbon-aware/emissions/bylocations?location=azure:westeurope&time=2026-05-01T00:00:00Z&toTime=2026-05-01T01:30:00Z";
        using (var first = new PortalHost(directory.Path))
        {
            token = await ApiTestSupport.IssueKeyAsync(first, Role.It, "restart");
            var csv = "region,start,end,kg_co2e_per_kwh,kind\nazure:westeurope,2026-05-01T00:00:00Z,2026-05-01T01:00:00Z,0.25,measured\nazure:westeurope,2026-05-01T01:00:00Z,2026-05-01T02:00:00Z,0.125,measured\n";
            var imported = await first.CreateApiClient(token).PostAsync("/api/green-it/intensity-datasets?id=restart&version=1&source=test", new StringContent(csv, Encoding.UTF8, "text/csv"));
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var second = new PortalHost(directory.Path);
        var data = (await (await second.CreateApiClient(token).GetAsync(Query)).ReadJsonAsync()).EnumerateArray()
            .Select(d => (d.GetProperty("location").GetString(), d.GetProperty("rating").GetDecimal(), d.GetProperty("dataset").GetString())).ToList();

        // 0.25 and 0.125 kg CO2e/kWh are 250 and 125 g CO2e/kWh
        Assert.Equal([("azure:EU_WEST", 250m, "restart@1"), ("azure:EU_WEST", 125m, "restart@1")], data);
    }
}
