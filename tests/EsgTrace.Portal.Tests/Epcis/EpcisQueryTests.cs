using System.Net;
using EsgTrace.Accounts;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>The standard query parameters over captured events, answers validated against the GS1 schema, and paging by Link rel="next".</summary>
[Collection(PortalCollection.Name)]
public sealed class EpcisQueryTests(PortalFixture portal)
{
    [Fact]
    public async Task StandardParameters_SelectTheRightEvents_InEitherIdentifierSpelling()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var auditor = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor));
        var serial = Random.Shared.Next(100_000, 999_999);
        string Epc(int i) => $"urn:epc:id:sgtin:4012345.011111.{serial}{i}";
        var events = new[]
        {
            EpcisCaptureTests.Observe(Epc(1), "2026-06-01T08:00:00Z", bizStep: "commissioning"),
            EpcisCaptureTests.Observe(Epc(1), "2026-06-02T08:00:00Z", bizStep: "shipping"),
            EpcisCaptureTests.Observe(Epc(2), "2026-06-03T08:00:00Z", bizStep: "https://ref.gs1.org/cbv/BizStep-shipping"),
            EpcisCaptureTests.Observe(Epc(2), "2026-06-04T08:00:00Z", bizStep: "receiving"),
            EpcisCaptureTests.Observe(Epc(3), "2026-06-05T08:00:00Z", bizStep: "receiving"),
        };
        var job = await CaptureAsync(api, Document(string.Empty, events));
        Assert.Equal(5, job.GetProperty("stored").GetInt32());
        var mine = $"MATCH_anyEPC={Epc(1)},{Epc(2)},{Epc(3)}";

        Assert.Equal(2, (await QueryAsync(auditor, $"/events?MATCH_epc={Epc(1)}")).Count);
        // The same EPC as a GS1 Digital Link: 4012345 + 011111 → GTIN 04012345111118 (indicator 0, check digit 8).
        Assert.Equal(2, (await QueryAsync(auditor, $"/events?MATCH_epc={Uri.EscapeDataString($"https://id.gs1.org/01/04012345111118/21/{serial}1")}")).Count);
        Assert.Equal(2, (await QueryAsync(auditor, $"/epcs/{Uri.EscapeDataString(Epc(2))}/events")).Count);
        var shipping = await QueryAsync(auditor, $"/events?{mine}&EQ_bizStep=shipping");
        Assert.Equal(["2026-06-02T08:00:00Z", "2026-06-03T08:00:00Z"], shipping.Select(e => e.GetProperty("eventTime").GetString()));
        Assert.Equal(2, (await QueryAsync(auditor, $"/events?{mine}&EQ_bizStep=urn:epcglobal:cbv:bizstep:shipping")).Count);
        var window = await QueryAsync(auditor, $"/events?{mine}&GE_eventTime=2026-06-02T00:00:00Z&LT_eventTime=2026-06-04T00:00:00Z");
        Assert.Equal(2, window.Count);
        Assert.Equal(5, (await QueryAsync(auditor, $"/events?{mine}&eventType=ObjectEvent&EQ_readPoint=urn:epc:id:sgln:4012345.00001.0")).Count);
        Assert.Empty(await QueryAsync(auditor, $"/events?{mine}&eventType=TransformationEvent"));
        Assert.Empty(await QueryAsync(auditor, $"/events?{mine}&EXISTS_errorDeclaration"));
    }

    [Theory]
    [InlineData("|")]
    [InlineData("%7C")]
    [InlineData(",")]
    public async Task ListValues_InPipeOrCommaSyntax_SelectExactlyTheirEvents(string separator)
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var auditor = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor));
        var serial = Random.Shared.Next(100_000, 999_999);
        string Epc(int i) => $"urn:epc:id:sgtin:4012345.033333.{serial}{i}";
        var aggregation = $$$"""{"type":"AggregationEvent","eventTime":"2026-07-04T08:00:00Z","eventTimeZoneOffset":"+00:00","parentID":"urn:epc:id:sscc:4012345.0{{{serial}}}000","childEPCs":["{{{Epc(4)}}}"],"action":"ADD","bizStep":"packing"}""";
        var job = await CaptureAsync(api, Document(
            string.Empty,
            EpcisCaptureTests.Observe(Epc(1), "2026-07-01T08:00:00Z", bizStep: "shipping"),
            EpcisCaptureTests.Observe(Epc(2), "2026-07-02T08:00:00Z", bizStep: "https://ref.gs1.org/cbv/BizStep-receiving"),
            EpcisCaptureTests.Observe(Epc(3), "2026-07-03T08:00:00Z", bizStep: "commissioning"),
            aggregation));
        Assert.Equal(4, job.GetProperty("stored").GetInt32());
        string List(params string[] values) => string.Join(separator, values);
        var mine = $"MATCH_anyEPC={List(Epc(1), Epc(2), Epc(3), Epc(4))}";
        async Task<string[]> Times(string query)
            => [.. (await QueryAsync(auditor, $"/events?{mine}&{query}")).Select(e => e.GetProperty("eventTime").GetString()!)];

        Assert.Equal(4, (await QueryAsync(auditor, $"/events?{mine}")).Count);
        Assert.Equal(4, (await Times($"eventType={List("ObjectEvent", "AggregationEvent")}")).Length);
        Assert.Equal(["2026-07-04T08:00:00Z"], await Times($"eventType={List("AggregationEvent", "AssociationEvent")}"));
        Assert.Equal(["2026-07-01T08:00:00Z", "2026-07-02T08:00:00Z"], await Times($"EQ_bizStep={List("shipping", "receiving")}"));
        Assert.Equal(["2026-07-01T08:00:00Z", "2026-07-02T08:00:00Z"], await Times($"EQ_bizStep={List("urn:epcglobal:cbv:bizstep:shipping", Uri.EscapeDataString("https://ref.gs1.org/cbv/BizStep-receiving"))}"));
        Assert.Equal(["2026-07-01T08:00:00Z", "2026-07-03T08:00:00Z"], await Times($"MATCH_epc={List(Epc(1), Epc(3))}"));
        // MATCH_epc looks in epcList and childEPCs; the second value is the child's GS1 Digital Link.
        Assert.Equal(["2026-07-02T08:00:00Z", "2026-07-04T08:00:00Z"], await Times($"MATCH_epc={List(Epc(2), Uri.EscapeDataString($"https://id.gs1.org/01/04012345333336/21/{serial}4"))}"));
        Assert.Equal(["2026-07-01T08:00:00Z"], await Times($"eventType={List("ObjectEvent", "TransactionEvent")}&EQ_bizStep={List("shipping", "packing")}"));
    }

    [Fact]
    public async Task Paging_FollowsLinkNext_InRecordOrder_WithoutRepeats()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var serial = Random.Shared.Next(100_000, 999_999);
        var epc = $"urn:epc:id:sgtin:4012345.022222.{serial}";
        var events = Enumerable.Range(0, 7).Select(i => EpcisCaptureTests.Observe(epc, $"2026-06-10T08:0{i}:00Z")).ToArray();
        await CaptureAsync(api, Document(string.Empty, events[..4]));
        await CaptureAsync(api, Document(string.Empty, events[4..]));

        var seen = new List<string>();
        var url = $"/events?MATCH_epc={epc}&perPage=3";
        var pages = 0;
        while (url is not null)
        {
            var response = await api.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = EventsOf(await response.ReadJsonAsync());
            Assert.True(page.Count <= 3);
            seen.AddRange(page.Select(e => e.GetProperty("eventTime").GetString()!));
            url = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"2026-06-10T08:0{i}:00Z"), seen);
    }

    [Theory]
    [InlineData("/events?EQ_colour=red", "EQ_colour")]
    [InlineData("/events?GE_eventTime=yesterday", "GE_eventTime")]
    [InlineData("/events?perPage=0", "perPage")]
    [InlineData("/events?eventType=TeleportEvent", "TeleportEvent")]
    [InlineData("/events?nextPageToken=not-ours", "nextPageToken")]
    [InlineData("/events?eventType=ObjectEvent|TeleportEvent", "TeleportEvent")]
    [InlineData("/events?EQ_bizStep=shipping||receiving", "EQ_bizStep")]
    [InlineData("/events?MATCH_epc=", "MATCH_epc")]
    [InlineData("/events?EQ_ILMD_bestBeforeDate=2026-01-01", "EQ_ILMD_bestBeforeDate")]
    [InlineData("/events?GE_quantity=many", "GE_quantity")]
    [InlineData("/events?EQ_action=SHOUT", "SHOUT")]
    [InlineData("/events?orderBy=colour", "orderBy")]
    [InlineData("/events?eventCountLimit=3", "orderBy")]
    [InlineData("/events?HASATTR_colour=x", "HASATTR_colour")]
    [InlineData("/events?EQATTR_bizStep=x", "EQATTR_bizStep")]
    public async Task BadParameters_AreQueryParameterProblems(string url, string named)
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor));

        var response = await api.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("epcisException:QueryParameterException", problem.GetProperty("type").GetString());
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
