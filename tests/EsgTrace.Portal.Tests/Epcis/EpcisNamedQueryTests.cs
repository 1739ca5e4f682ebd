using System.Net;
using System.Net.Http.Json;
using System.Text;
using EsgTrace.Accounts;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisSubscriptionTestSupport;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>
/// Named queries (REST binding /queries) on the shared portal, whose settings keep webhook destinations public: create
/// (201 + Location, 409 when taken), list paged, read, run, delete; subscription bodies that break the binding's rules are
/// problem details and change nothing.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EpcisNamedQueryTests(PortalFixture portal)
{
    [Fact]
    public async Task NamedQuery_IsCreatedOnce_Listed_Run_AndDeleted()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var auditor = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor));
        var serial = Random.Shared.Next(100_000, 999_999);
        string Epc(int i) => $"urn:epc:id:sgtin:4012345.077777.{serial}{i}";
        var name = $"nq-{serial}";
        await CreateQueryAsync(api, name, new { MATCH_anyEPC = new[] { Epc(1), Epc(2) }, EQ_bizStep = new[] { "shipping" } });
        await CreateQueryAsync(api, name + "-b", new { eventType = new[] { "TransformationEvent" } });

        var taken = await api.PostAsJsonAsync("/queries", new { name, query = new { eventType = new[] { "ObjectEvent" } } });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("epcisException:ResourceAlreadyExistsException", (await taken.ReadJsonAsync()).GetProperty("type").GetString());
        var definition = await (await auditor.GetAsync("/queries/" + name)).ReadJsonAsync();
        Assert.Equal(name, definition.GetProperty("name").GetString());
        Assert.Equal([Epc(1), Epc(2)], definition.GetProperty("query").GetProperty("MATCH_anyEPC").EnumerateArray().Select(v => v.GetString()));

        // Paged one at a time by Link rel="next" until both appear.
        var names = new List<string>();
        string? next = "/queries?perPage=1";
        while (next is not null)
        {
            var page = await auditor.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var items = (await page.ReadJsonAsync()).EnumerateArray().ToList();
            Assert.True(items.Count <= 1);
            names.AddRange(items.Select(i => i.GetProperty("name").GetString()!));
            next = page.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
        }

        Assert.Contains(name, names);
        Assert.Contains(name + "-b", names);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);

        await CaptureAsync(api, Document(string.Empty,
            EpcisCaptureTests.Observe(Epc(1), "2026-09-01T08:00:00Z", bizStep: "shipping"),
            EpcisCaptureTests.Observe(Epc(2), "2026-09-01T09:00:00Z", bizStep: "receiving"),
            EpcisCaptureTests.Observe(Epc(3), "2026-09-01T10:00:00Z", bizStep: "shipping")));
        var events = await QueryAsync(auditor, $"/queries/{name}/events");
        Assert.Equal([Epc(1)], events.Select(e => e.GetProperty("epcList")[0].GetString()));
        var extra = await auditor.GetAsync($"/queries/{name}/events?EQ_bizStep=receiving");
        Assert.Equal(HttpStatusCode.BadRequest, extra.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/queries/" + name)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync("/queries/" + name)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/queries/{name}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/queries/" + name)).StatusCode);
    }

    [Theory]
    [InlineData("""{"query":{"eventType":["ObjectEvent"]}}""")]
    [InlineData("""{"name":"has space","query":{"eventType":["ObjectEvent"]}}""")]
    [InlineData("""{"name":"bad-param","query":{"EQ_nonsense":["a"]}}""")]
    [InlineData("""{"name":"bad-time","query":{"GE_eventTime":"yesterday"}}""")]
    [InlineData("""{"name":"bad-value","query":{"eventType":[1]}}""")]
    [InlineData("""{"name":"no-query"}""")]
    public async Task BadQueryDefinitions_AreProblems_AndStoreNothing(string body)
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var response = await api.PostAsync("/queries", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("epcisException:QueryParameterException", (await response.ReadJsonAsync()).GetProperty("type").GetString());
        foreach (var name in new[] { "bad-param", "bad-time", "bad-value", "no-query" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/queries/" + name)).StatusCode);
        }
    }

    [Fact]
    public async Task BadSubscriptionBodies_AreSubscriptionControlsProblems_AndChangeNothing()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var name = $"subs-bad-{Random.Shared.Next(100_000, 999_999)}";
        await CreateQueryAsync(api, name, new { eventType = new[] { "ObjectEvent" } });
        var bodies = new[]
        {
            """{}""",
            """{"stream":true}""",
            """{"dest":"ftp://example.invalid/hook","stream":true}""",
            """{"dest":"/relative/hook","stream":true}""",
            """{"dest":"https://example.invalid/hook"}""",
            """{"dest":"https://example.invalid/hook","stream":false}""",
            """{"dest":"https://example.invalid/hook","stream":true,"schedule":{"minute":"5"}}""",
            """{"dest":"https://example.invalid/hook","schedule":{"minute":"61"}}""",
            """{"dest":"https://example.invalid/hook","schedule":{"second":"0/30"}}""",
            """{"dest":"https://example.invalid/hook","schedule":{"hour":"[5-2]"}}""",
            """{"dest":"https://example.invalid/hook","schedule":{"dayOfMonth":"31","month":"2"}}""",
            """{"dest":"https://example.invalid/hook","schedule":{}}""",
            """{"dest":"https://example.invalid/hook","schedule":{"fortnight":"1"}}""",
            """{"dest":"https://example.invalid/hook","stream":true,"reportIfEmpty":true}""",
            """{"dest":"https://example.invalid/hook","stream":true,"initialRecordTime":"last week"}""",
            """{"dest":"https://example.invalid/hook","stream":true,"signatureToken":42}""",
            """{"dest":"https://example.invalid/hook","stream":true,"trigger":"urn:x"}""",
            // Loopback and private networks are refused unless Epcis:Subscriptions:AllowPrivateDestinations is set (SSRF).
            """{"dest":"http://127.0.0.1:9/hook","stream":true}""",
            """{"dest":"http://localhost/hook","stream":true}""",
            """{"dest":"http://10.1.2.3/hook","stream":true}""",
            """{"dest":"http://[::1]/hook","stream":true}""",
            """{"dest":"http://169.254.169.254/latest/meta-data","stream":true}""",
            """not json""",
        };
        foreach (var body in bodies)
        {
            var response = await api.PostAsync($"/queries/{name}/subscriptions", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.ReadJsonAsync();
            Assert.Equal("epcisException:SubscriptionControlsException", problem.GetProperty("type").GetString());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }

        Assert.Empty((await (await api.GetAsync($"/queries/{name}/subscriptions")).ReadJsonAsync()).EnumerateArray());
        var missing = await api.PostAsJsonAsync("/queries/no-such-query/subscriptions", new { dest = "https://example.invalid/hook", stream = true });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // A valid one is listed, readable at its Location, and ends with DELETE.
        var id = await SubscribeAsync(api, name, new { dest = "https://example.invalid/hook", stream = true });
        var listed = (await (await api.GetAsync($"/queries/{name}/subscriptions")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal([id], listed.Select(s => s.GetProperty("subscriptionID").GetString()));
        Assert.True(listed[0].GetProperty("stream").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/queries/{name}/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/queries/{name}/subscriptions/{id}")).StatusCode);
        Assert.Empty((await (await api.GetAsync($"/queries/{name}/subscriptions")).ReadJsonAsync()).EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/queries/" + name)).StatusCode);
    }
}
