using System.Net;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>
/// A portal whose query may examine 3 stored events per page (Epcis:Query:ScanLimit): a query that would examine more is a
/// QueryTooLargeException (413), not a silently short page; a page that fills within the limit, or an indexed EPC query, is answered.
/// </summary>
public sealed class EpcisQueryScanLimitTests
{
    [Fact]
    public async Task QueryExaminingMoreThanTheScanLimit_IsQueryTooLarge()
    {
        using var directory = new TempDirectory();
        using var host = new PortalHost(directory.Path, new Dictionary<string, string?> { ["Epcis:Query:ScanLimit"] = "3" });
        var api = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.SupplyChain));
        const string location = "urn:epc:id:sgln:401234.777777.0";
        var events = Enumerable.Range(0, 5).Select(i => $$$"""{"type":"ObjectEvent","eventTime":"2026-09-01T08:0{{{i}}}:00Z","eventTimeZoneOffset":"+00:00","epcList":["urn:epc:id:sgtin:4012345.066666.{{{i}}}"],"action":"OBSERVE","bizStep":"{{{(i == 4 ? "receiving" : "shipping")}}}","bizLocation":{"id":"{{{location}}}"}}""").ToArray();
        Assert.Equal(5, (await CaptureAsync(api, Document(string.Empty, events))).GetProperty("stored").GetInt32());
        var at = $"EQ_bizLocation={Uri.EscapeDataString(location)}";

        // The planner scans the business location (5 entries); the receiving event is the fifth, beyond the 3 a page may examine.
        await AssertTooLargeAsync(api, $"/events?{at}&EQ_bizStep=receiving");
        // orderBy must see every candidate.
        await AssertTooLargeAsync(api, $"/events?{at}&orderBy=eventTime");

        var page = await api.GetAsync($"/events?{at}&perPage=3");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(3, EventsOf(await page.ReadJsonAsync()).Count);
        Assert.True(page.Headers.Contains("Link"));
        Assert.Equal(["2026-09-01T08:04:00Z"], (await QueryAsync(api, "/events?MATCH_epc=urn:epc:id:sgtin:4012345.066666.4")).Select(e => e.GetProperty("eventTime").GetString()));
    }

    private static async Task AssertTooLargeAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(url);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("epcisException:QueryTooLargeException", problem.GetProperty("type").GetString());
        Assert.Contains("more than 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
