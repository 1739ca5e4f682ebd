using System.Net;
using System.Text.Json;
using EsgTrace.Accounts;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>
/// EPCIS master data captured in the document header (epcisHeader.epcisMasterData), read back from /vocabularies, updated
/// by a later capture with its history kept, and the master-data query parameters of the SimpleEventQuery (WD_, EQATTR_,
/// HASATTR_) over HTTP in the pipe and the comma list syntax. Every test uses its own location numbers, so master data
/// other tests capture never meets it.
///
/// The hierarchy of <see cref="Site"/>: site S ⊃ hall H1 ⊃ dock D1, and S ⊃ hall H2; O has no master data.
///   S  name "Bremen site", countryCode DE
///   H1 name "Hall 1", countryCode DE, sst 201
///   H2 name "Hall 2", countryCode NL, latitude 53.10 (a number)
///   D1 name "Dock 1" (no countryCode); also a ReadPoint "Dock 1 gate reader" with ex:reader
/// Events: e1 at S, e2 at H1, e3 at D1 (read point D1), e4 at H2, e5 at O, e6 no bizLocation, read point D1.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EpcisMasterDataTests(PortalFixture portal)
{
    private const string BusinessLocation = "urn:epcglobal:epcis:vtype:BusinessLocation";
    private const string ReadPoint = "urn:epcglobal:epcis:vtype:ReadPoint";
    private const string Context = """,{"ex":"https://example.org/md/"}""";

    [Theory]
    [InlineData("|")]
    [InlineData(",")]
    public async Task MasterDataParameters_SelectTheEventsWorkedOutByHand(string separator)
    {
        var (api, auditor) = await ClientsAsync();
        var site = await Site.CaptureAsync(api);
        string List(params string[] values) => string.Join(separator, values);
        async Task<string[]> Events(string query)
            => [.. (await QueryAsync(auditor, $"/events?{site.Mine(separator)}&{query}")).Select(e => e.GetProperty("eventTime").GetString()!).Select(Site.EventOf).Order()];

        Assert.Equal(["e1", "e2", "e3", "e4", "e5", "e6"], await Events("eventType=ObjectEvent"));
        // WD_ follows children transitively: S → H1 → D1 and S → H2.
        Assert.Equal(["e1", "e2", "e3", "e4"], await Events($"WD_bizLocation={site.S}"));
        Assert.Equal(["e2", "e3"], await Events($"WD_bizLocation={site.H1}"));
        Assert.Equal(["e2", "e3"], await Events($"WD_bizLocation={Uri.EscapeDataString(site.DigitalLink(site.H1))}"));
        Assert.Equal(["e2", "e3", "e4"], await Events($"WD_bizLocation={List(site.H1, site.H2)}"));
        // A value without master data matches itself only; EQ_ never expands.
        Assert.Equal(["e5"], await Events($"WD_bizLocation={site.O}"));
        Assert.Equal(["e1"], await Events($"EQ_bizLocation={site.S}"));
        Assert.Equal(["e3", "e6"], await Events($"WD_readPoint={site.D1}"));

        // EQATTR_: countryCode DE is S and H1 (D1 has none); DE or NL adds H2. The attribute in CURIE or full form.
        Assert.Equal(["e1", "e2"], await Events("EQATTR_bizLocation_cbvmda:countryCode=DE"));
        Assert.Equal(["e1", "e2", "e4"], await Events($"EQATTR_bizLocation_urn:epcglobal:cbv:mda:countryCode={List("DE", "NL")}"));
        // A number compares as a number: 53.10 = 53.1.
        Assert.Equal(["e4"], await Events("EQATTR_bizLocation_cbvmda:latitude=53.10"));
        Assert.Empty(await Events("EQATTR_bizLocation_cbvmda:countryCode=FR"));
        // HASATTR_: sst is H1's only; sst or latitude adds H2. A read point's master data is its own vocabulary.
        Assert.Equal(["e2"], await Events("HASATTR_bizLocation=cbvmda:sst"));
        Assert.Equal(["e2", "e4"], await Events($"HASATTR_bizLocation={List("cbvmda:sst", "cbvmda:latitude")}"));
        Assert.Equal(["e3", "e6"], await Events($"HASATTR_readPoint={Uri.EscapeDataString("https://example.org/md/reader")}"));
        Assert.Empty(await Events("HASATTR_readPoint=cbvmda:sst"));
        // Parameters combine with AND: under S and in DE is S and H1; under H1 with an sst is H1.
        Assert.Equal(["e1", "e2"], await Events($"WD_bizLocation={site.S}&EQATTR_bizLocation_cbvmda:countryCode=DE"));
        Assert.Equal(["e2"], await Events($"WD_bizLocation={site.H1}&HASATTR_bizLocation=cbvmda:sst"));
        Assert.Equal(["e3"], await Events($"WD_bizLocation={site.S}&WD_readPoint={site.D1}"));
    }

    [Theory]
    [InlineData("HASATTR_bizLocationX=cbvmda:sst", "bizLocationX")]
    [InlineData("EQATTR_bizLocation=DE", "EQATTR_<field>_<attribute>")]
    [InlineData("EQATTR_nothing_cbvmda:name=DE", "'nothing'")]
    [InlineData("WD_bizLocation=", "empty value")]
    [InlineData("WD_readPoint=a||b", "empty value")]
    public async Task BadMasterDataParameters_AreQueryParameterExceptions(string query, string named)
    {
        var (_, auditor) = await ClientsAsync();
        var response = await auditor.GetAsync("/events?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("epcisException:QueryParameterException", problem.GetProperty("type").GetString());
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CapturedMasterData_ReadsBack_AndALaterCaptureUpdatesIt_KeepingHistory()
    {
        var (api, auditor) = await ClientsAsync();
        var site = await Site.CaptureAsync(api);

        var h1 = await ElementAsync(auditor, BusinessLocation, site.H1);
        Assert.Equal(site.DigitalLink(site.H1), h1.GetProperty("id").GetString());
        Assert.Equal(site.H1, h1.GetProperty("sentID").GetString());
        Assert.Equal("Hall 1", h1.GetProperty("name").GetString());
        Assert.Equal(1, h1.GetProperty("version").GetInt64());
        Assert.Equal("DE", Attribute(h1, "urn:epcglobal:cbv:mda:countryCode").GetString());
        Assert.Equal("201", Attribute(h1, "urn:epcglobal:cbv:mda:sst").GetString());
        Assert.Equal([site.DigitalLink(site.D1)], h1.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
        // The same element by its Digital Link; a number attribute stays a number.
        var h2 = await ElementAsync(auditor, BusinessLocation, site.DigitalLink(site.H2));
        Assert.Equal(JsonValueKind.Number, Attribute(h2, "urn:epcglobal:cbv:mda:latitude").ValueKind);
        var reader = await ElementAsync(auditor, ReadPoint, site.D1);
        Assert.Equal("Dock 1 gate reader", reader.GetProperty("name").GetString());
        Assert.Equal("yes", Attribute(reader, "https://example.org/md/reader").GetString());

        var types = (await (await auditor.GetAsync("/vocabularies")).ReadJsonAsync()).GetProperty("member").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains(BusinessLocation, types);
        Assert.Contains(ReadPoint, types);
        // The type's listing, a page of 2 at a time by Link rel="next", holds each of the site's four elements once.
        var listed = new List<string>();
        var next = $"/vocabularies/{Uri.EscapeDataString(BusinessLocation)}?perPage=2";
        while (next is not null)
        {
            var response = await auditor.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            Assert.True(page.GetProperty("vocabularyElementList").GetArrayLength() <= 2);
            listed.AddRange(page.GetProperty("vocabularyElementList").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split('<', '>')[1] : null;
        }

        var canonical = site.Ids.Select(site.DigitalLink).ToList();
        // In id order, each once.
        Assert.Equal(canonical.Order(StringComparer.Ordinal), listed.Where(canonical.Contains));
        Assert.Equal(listed.Count, listed.Distinct().Count());

        // A later capture gives H1 another country and no "children": the attributes are replaced, the children kept.
        var update = site.Update("""[{"id":"cbvmda:name","attribute":"Hall 1 (cold)"},{"id":"cbvmda:countryCode","attribute":"NL"}]""");
        await CaptureAsync(api, update);
        h1 = await ElementAsync(auditor, BusinessLocation, site.H1);
        Assert.Equal(2, h1.GetProperty("version").GetInt64());
        Assert.Equal("Hall 1 (cold)", h1.GetProperty("name").GetString());
        Assert.Equal("NL", Attribute(h1, "urn:epcglobal:cbv:mda:countryCode").GetString());
        Assert.DoesNotContain(h1.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("id").GetString() == "urn:epcglobal:cbv:mda:sst");
        Assert.Equal([site.DigitalLink(site.D1)], h1.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
        var history = h1.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([1L, 2L], history.Select(v => v.GetProperty("version").GetInt64()));
        Assert.Equal("DE", Attribute(history[0], "urn:epcglobal:cbv:mda:countryCode").GetString());
        Assert.Equal("NL", Attribute(history[1], "urn:epcglobal:cbv:mda:countryCode").GetString());
        Assert.True(DateTimeOffset.Parse(history[0].GetProperty("recordTime").GetString()!) < DateTimeOffset.Parse(history[1].GetProperty("recordTime").GetString()!));
        Assert.NotEqual(history[0].GetProperty("captureID").GetString(), history[1].GetProperty("captureID").GetString());

        // Queries see the update: DE is now S alone; H1 is NL with H2; the hierarchy under H1 is unchanged.
        var mine = site.Mine("|");
        Assert.Equal(["e1"], (await QueryAsync(auditor, $"/events?{mine}&EQATTR_bizLocation_cbvmda:countryCode=DE")).Select(e => Site.EventOf(e.GetProperty("eventTime").GetString()!)));
        Assert.Equal(["e2", "e4"], (await QueryAsync(auditor, $"/events?{mine}&EQATTR_bizLocation_cbvmda:countryCode=NL")).Select(e => Site.EventOf(e.GetProperty("eventTime").GetString()!)).Order());
        Assert.Empty(await QueryAsync(auditor, $"/events?{mine}&HASATTR_bizLocation=cbvmda:sst"));
        Assert.Equal(2, (await QueryAsync(auditor, $"/events?{mine}&WD_bizLocation={site.H1}")).Count);

        // The same description again changes nothing: no third version.
        await CaptureAsync(api, update);
        Assert.Equal(2, (await ElementAsync(auditor, BusinessLocation, site.H1)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task AnElementDescribedTwiceDifferently_IsRefused_AndNothingIsStored()
    {
        var (api, auditor) = await ClientsAsync();
        var n = Random.Shared.Next(10_000, 89_999);
        var loc = $"urn:epc:id:sgln:4012345.{n}.0";
        var epc = $"urn:epc:id:sgtin:4012345.044444.{n}";
        var vocabularies = $$$"""[{"type":"{{{BusinessLocation}}}","vocabularyElementList":[{"id":"{{{loc}}}","attributes":[{"id":"cbvmda:name","attribute":"A"}]},{"id":"{{{loc}}}","attributes":[{"id":"cbvmda:name","attribute":"B"}]}]}]""";
        var response = await PostAsync(api, WithMasterData(string.Empty, vocabularies, Site.Event(epc, "2026-08-01T08:00:00Z", loc, null)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("epcisException:ValidationException", problem.GetProperty("type").GetString());
        Assert.Contains("described twice", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/vocabularies/{Uri.EscapeDataString(BusinessLocation)}/{Uri.EscapeDataString(loc)}")).StatusCode);
        Assert.Empty(await QueryAsync(auditor, $"/events?MATCH_epc={epc}"));
    }

    [Fact]
    public async Task ARefusedRollbackCapture_StoresNoMasterData()
    {
        var (api, auditor) = await ClientsAsync();
        var n = Random.Shared.Next(10_000, 89_999);
        var loc = $"urn:epc:id:sgln:4012345.{n}.0";
        var id = $"urn:uuid:{Guid.NewGuid()}";
        var epc = $"urn:epc:id:sgtin:4012345.044444.{n}";
        await CaptureAsync(api, Document(string.Empty, Site.Event(epc, "2026-08-01T08:00:00Z", loc, null, id)));
        // The same eventID with other content: a conflict, so the rollback capture stores nothing, its master data included.
        var vocabularies = $$$"""[{"type":"{{{BusinessLocation}}}","vocabularyElementList":[{"id":"{{{loc}}}","attributes":[{"id":"cbvmda:name","attribute":"Never stored"}]}]}]""";
        var job = await CaptureAsync(api, WithMasterData(string.Empty, vocabularies, Site.Event(epc, "2026-08-02T08:00:00Z", loc, null, id)));

        Assert.False(job.GetProperty("success").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/vocabularies/{Uri.EscapeDataString(BusinessLocation)}/{Uri.EscapeDataString(loc)}")).StatusCode);
    }

    [Fact]
    public async Task UnknownElement_Is404_AndBadPaging_IsAQueryParameterException()
    {
        var (_, auditor) = await ClientsAsync();
        var missing = await auditor.GetAsync($"/vocabularies/{Uri.EscapeDataString(BusinessLocation)}/{Uri.EscapeDataString("urn:epc:id:sgln:4012345.99999.0")}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("epcisException:NoSuchResourceException", (await missing.ReadJsonAsync()).GetProperty("type").GetString());
        foreach (var bad in new[] { "perPage=0", "perPage=x", "nextPageToken=%%%", "type=x" })
        {
            var response = await auditor.GetAsync($"/vocabularies/{Uri.EscapeDataString(BusinessLocation)}?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("epcisException:QueryParameterException", (await response.ReadJsonAsync()).GetProperty("type").GetString());
        }
    }

    private async Task<(HttpClient Api, HttpClient Auditor)> ClientsAsync()
        => (portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain)),
            portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor)));

    private static async Task<JsonElement> ElementAsync(HttpClient client, string type, string id)
    {
        var response = await client.GetAsync($"/vocabularies/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(id)}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{type} {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private static JsonElement Attribute(JsonElement element, string id)
        => element.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id).GetProperty("attribute");

    internal static string WithMasterData(string context, string vocabularyList, params string[] events)
        => $$$"""{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"{{{context}}}],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-05-01T10:00:00Z","epcisHeader":{"epcisMasterData":{"vocabularyList":{{{vocabularyList}}}}},"epcisBody":{"eventList":[{{{string.Join(",", events)}}}]}}""";

    /// <summary>The site of the class summary, with its own location numbers and EPCs.</summary>
    private sealed class Site
    {
        private readonly int _n = Random.Shared.Next(1_000, 8_999);

        public string S => Sgln(0);

        public string H1 => Sgln(1);

        public string H2 => Sgln(2);

        public string D1 => Sgln(3);

        public string O => Sgln(4);

        public string[] Ids => [S, H1, H2, D1];

        private string Sgln(int i) => $"urn:epc:id:sgln:4012345.{_n}{i}.0";

        private string Epc(int i) => $"urn:epc:id:sgtin:4012345.055555.{_n}{i}";

        /// <summary>The canonical Digital Link of an SGLN with extension 0: GLN 4012345 + location reference + check digit.</summary>
        public string DigitalLink(string sgln)
        {
            var parts = sgln["urn:epc:id:sgln:".Length..].Split('.');
            var gln12 = parts[0] + parts[1];
            return $"https://id.gs1.org/414/{gln12}{EsgTrace.Gs1.DigitalLink.CheckDigit(gln12)}";
        }

        public string Mine(string separator) => "MATCH_epc=" + string.Join(separator, Enumerable.Range(1, 6).Select(Epc));

        /// <summary>Events are told apart by their day: e{n} happened on 2026-09-0{n}.</summary>
        public static string EventOf(string eventTime) => "e" + eventTime[9];

        public static string Event(string epc, string time, string? bizLocation, string? readPoint, string? eventId = null)
            => $$$"""{"type":"ObjectEvent",{{{(eventId is null ? "" : $"\"eventID\":\"{eventId}\",")}}}"eventTime":"{{{time}}}","eventTimeZoneOffset":"+00:00","action":"OBSERVE","bizStep":"receiving","epcList":["{{{epc}}}"]{{{(readPoint is null ? "" : $",\"readPoint\":{{\"id\":\"{readPoint}\"}}")}}}{{{(bizLocation is null ? "" : $",\"bizLocation\":{{\"id\":\"{bizLocation}\"}}")}}}}""";

        public static async Task<Site> CaptureAsync(HttpClient api)
        {
            var site = new Site();
            var vocabularies = $$$"""
                [{"type":"{{{BusinessLocation}}}","vocabularyElementList":[
                  {"id":"{{{site.S}}}","attributes":[{"id":"cbvmda:name","attribute":"Bremen site"},{"id":"cbvmda:countryCode","attribute":"DE"}],"children":["{{{site.H1}}}","{{{site.H2}}}"]},
                  {"id":"{{{site.H1}}}","attributes":[{"id":"cbvmda:name","attribute":"Hall 1"},{"id":"cbvmda:countryCode","attribute":"DE"},{"id":"urn:epcglobal:cbv:mda:sst","attribute":"201"}],"children":["{{{site.D1}}}"]},
                  {"id":"{{{site.DigitalLink(site.H2)}}}","attributes":[{"id":"cbvmda:name","attribute":"Hall 2"},{"id":"cbvmda:countryCode","attribute":"NL"},{"id":"cbvmda:latitude","attribute":53.1}]},
                  {"id":"{{{site.D1}}}","attributes":[{"id":"cbvmda:name","attribute":"Dock 1"}]}]},
                 {"type":"{{{ReadPoint}}}","vocabularyElementList":[
                  {"id":"{{{site.D1}}}","attributes":[{"id":"cbvmda:name","attribute":"Dock 1 gate reader"},{"id":"ex:reader","attribute":"yes"}]}]}]
                """;
            var job = await EpcisTestSupport.CaptureAsync(api, WithMasterData(
                Context,
                vocabularies,
                Event(site.Epc(1), "2026-09-01T08:00:00Z", site.S, null),
                Event(site.Epc(2), "2026-09-02T08:00:00Z", site.H1, null),
                Event(site.Epc(3), "2026-09-03T08:00:00Z", site.D1, site.D1),
                Event(site.Epc(4), "2026-09-04T08:00:00Z", site.H2, null),
                Event(site.Epc(5), "2026-09-05T08:00:00Z", site.O, null),
                Event(site.Epc(6), "2026-09-06T08:00:00Z", null, site.D1)));
            Assert.True(job.GetProperty("success").GetBoolean(), job.GetRawText());
            Assert.Equal(6, job.GetProperty("stored").GetInt32());
            return site;
        }

        /// <summary>A document that describes H1 again with these attributes (and no children), and no events.</summary>
        public string Update(string attributes)
            => WithMasterData(string.Empty, $$$"""[{"type":"{{{BusinessLocation}}}","vocabularyElementList":[{"id":"{{{H1}}}","attributes":{{{attributes}}}}]}]""");
    }
}
