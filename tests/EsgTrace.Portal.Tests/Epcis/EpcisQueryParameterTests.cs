using System.Net;
using System.Text.Json;
using EsgTrace.Accounts;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>
/// Every EPCIS 2.0 query parameter family over HTTP, in both list syntaxes: six events written here (five in one capture,
/// one in a second) with times, actions, EPCs in URN and Digital Link form, quantities with units, typed lists, extension
/// and ILMD fields, sensor readings and an error declaration; each query's expected events are worked out by hand from the
/// documents below. Every query is scoped by EQ_bizLocation to this run's own location, so the planner scans that index.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EpcisQueryParameterTests(PortalFixture portal)
{
    private const string Context = """,{"example":"https://ns.example.com/epcis/"}""";

    [Theory]
    [InlineData("|")]
    [InlineData(",")]
    public async Task EveryParameterFamily_SelectsExactlyItsEvents(string separator)
    {
        var run = await CaptureRunAsync();
        string L(params string[] values) => string.Join(separator, values.Select(Uri.EscapeDataString));
        async Task Expect(string query, params string[] expected)
            => Assert.Equal(expected, await run.NamesAsync(query));

        // Times: E2 is 08:00+02:00 = 06:00Z, so instants, not strings, decide.
        await Expect("GE_eventTime=2026-08-02T06:00:00Z", "E2", "E3", "E4", "E5", "E6");
        await Expect("GT_eventTime=2026-08-02T06:00:00Z", "E3", "E4", "E5", "E6");
        await Expect("LE_eventTime=2026-08-02T06:00:00Z", "E1", "E2");
        await Expect("LT_eventTime=2026-08-02T06:00:00Z", "E1");
        await Expect($"EQ_eventTime={Uri.EscapeDataString("2026-08-02T08:00:00+02:00")}", "E2");
        var second = Uri.EscapeDataString(run.RecordTimes["E6"]);
        var first = Uri.EscapeDataString(run.RecordTimes["E1"]);
        await Expect($"GE_recordTime={second}", "E6");
        await Expect($"EQ_recordTime={second}", "E6");
        await Expect($"GT_recordTime={first}", "E6");
        await Expect($"LT_recordTime={second}", "E1", "E2", "E3", "E4", "E5");
        await Expect($"LE_recordTime={first}", "E1", "E2", "E3", "E4", "E5");

        // Standard fields.
        await Expect($"EQ_action={L("ADD", "DELETE")}", "E1", "E5");
        await Expect($"EQ_bizStep={L("shipping", "receiving")}", "E2", "E3");
        await Expect($"EQ_disposition={L("active", "urn:epcglobal:cbv:disp:in_transit")}", "E1", "E2");
        await Expect($"EQ_persistentDisposition_set={L("completeness_verified", "damaged")}", "E2");
        await Expect($"EQ_persistentDisposition_unset={L("completeness_inferred", "damaged")}", "E2");
        await Expect($"EQ_transformationID={L(run.TransformationId, "https://example.com/transformations/none")}", "E4");
        await Expect($"EQ_eventID={L(run.EventIds["E1"], run.EventIds["E3"])}", "E1", "E3");

        // MATCH_: exact EPCs in either spelling, and idpat patterns against URN- and Digital-Link-spelled identifiers.
        var gtin44 = "urn:epc:idpat:sgtin:4012345.044444.*";
        await Expect($"MATCH_epc={L(gtin44)}", "E1", "E3", "E5", "E6");
        await Expect($"MATCH_epc={L(gtin44, run.Epc(2, "055555"))}", "E1", "E2", "E3", "E5", "E6");
        await Expect($"MATCH_anyEPC={L(gtin44)}", "E1", "E3", "E4", "E5", "E6");
        await Expect($"MATCH_outputEPC={L(gtin44)}", "E4");
        await Expect($"MATCH_outputEPC={L(run.Epc(4), "urn:epc:id:sgtin:4012345.044444.none")}", "E4");
        await Expect($"MATCH_inputEPC={L(run.Epc(1), run.Epc(9))}", "E4");
        await Expect($"MATCH_parentID={L("urn:epc:idpat:sscc:4012345.*", "urn:epc:id:sscc:4012345.0999999999")}", "E5");
        await Expect($"MATCH_epcClass={L(gtin44, "urn:epc:idpat:sgtin:4099999.*.*")}", "E2");
        await Expect($"MATCH_epcClass={L("urn:epc:idpat:sgtin:4012345.055555.*")}", "E3");
        await Expect($"MATCH_inputEPCClass={L("urn:epc:idpat:sgtin:4012345.055555.*")}", "E4");
        await Expect($"MATCH_outputEPCClass={L("urn:epc:idpat:sgtin:4012345.055555.*")}");
        await Expect($"MATCH_anyEPCClass={L("urn:epc:idpat:sgtin:4012345.*.*")}", "E2", "E3", "E4");
        await Expect($"MATCH_anyEPCClass={L($"urn:epc:class:lgtin:4012345.044444.LOT{run.Serial}", "urn:epc:class:lgtin:4012345.044444.none")}", "E2");

        // Quantities (E2: 200 KGM, E3: 5 without unit, E4: 3 TNE = 3000 KGM).
        await Expect("GE_quantity=5", "E2", "E3");
        await Expect("GT_quantity=5", "E2");
        await Expect("LT_quantity=5", "E4");
        await Expect("LE_quantity=5", "E3", "E4");
        await Expect($"EQ_quantity={L("3", "200")}", "E2", "E4");
        await Expect("GE_quantity_KGM=1000", "E4");
        await Expect("LT_quantity_KGM=1000", "E2");
        await Expect($"EQ_quantity_GRM={L("200000", "1")}", "E2");

        // Error declarations (E6).
        await Expect("EXISTS_errorDeclaration", "E6");
        await Expect("GE_errorDeclarationTime=2026-08-07T00:00:00Z", "E6");
        await Expect("LT_errorDeclarationTime=2026-08-07T00:00:00Z");
        await Expect($"EQ_errorReason={L("incorrect_data", "did_not_occur")}", "E6");
        await Expect($"EQ_correctiveEventID={L(run.CorrectiveId, "urn:uuid:00000000-0000-4000-8000-000000000000")}", "E6");

        // Typed lists.
        await Expect($"EQ_bizTransaction_po={L(run.PurchaseOrder, "urn:epcglobal:cbv:bt:4012345000009:none")}", "E1");
        await Expect($"EQ_bizTransaction_desadv={L(run.PurchaseOrder)}");
        await Expect($"EQ_source_owning_party={L("urn:epc:id:pgln:4012345.00001", "urn:epc:id:pgln:4012345.00009")}", "E1");
        await Expect($"EQ_destination_owning_party={L("urn:epc:id:pgln:4012345.00002")}", "E2");

        // Extension and ILMD fields, in the REST binding's prefix:name form and the standard's namespace#name form.
        await Expect($"EQ_example:grade={L("A", "C")}", "E1", "E5");
        await Expect($"{Uri.EscapeDataString("EQ_https://ns.example.com/epcis/#grade")}={L("B")}", "E2");
        await Expect($"{Uri.EscapeDataString("EQ_https://ns.example.com/epcis#grade")}={L("B", "Z")}", "E2");
        await Expect("GT_example:temperatureMax=9", "E2");
        await Expect("LE_example:temperatureMax=8", "E1");
        await Expect("EXISTS_example:temperatureMax", "E1", "E2");
        await Expect($"EQ_ILMD_example:bestBeforeDate={L("2026-12-01", "2020-01-01")}", "E1");
        await Expect("GE_ILMD_example:weightKg=12.5", "E1");
        await Expect("EXISTS_ILMD_example:bestBeforeDate", "E1", "E4");
        await Expect($"EQ_INNER_ILMD_example:farm={L("north", "south")}", "E1");
        await Expect("EQ_ILMD_example:farm=north");
        await Expect($"EQ_INNER_example:carrier={L("ACME", "other")}", "E5");
        await Expect("EQ_example:carrier=ACME");
        await Expect($"EQ_SENSORREPORT_example:probe={L("P-7", "P-8")}", "E3");
        await Expect("EXISTS_SENSORREPORT_example:probe", "E3");

        // Sensor data (E3: 20 CEL and 45 P1 at 07:00 on the 3rd; E6: 5 CEL at 07:00 on the 6th).
        await Expect("EXISTS_sensorElementList", "E3", "E6");
        await Expect("GE_time=2026-08-03T07:00:00Z", "E3", "E6");
        await Expect("LT_time=2026-08-05T00:00:00Z", "E3");
        await Expect($"EQ_type={L("RelativeHumidity", "Pressure")}", "E3");
        await Expect($"EQ_type={L("Temperature")}", "E3", "E6");
        await Expect($"EQ_deviceID={L(run.Device, "urn:epc:id:giai:4012345.none")}", "E3");
        await Expect($"EQ_bizRules={L("https://example.com/rules/cold")}", "E3");
        await Expect("GE_value_CEL=19.5", "E3");
        await Expect("LT_value_CEL=10", "E6");
        await Expect("GE_value_KEL=293", "E3");
        await Expect($"EQ_value_KEL={L("293.15", "1")}", "E3");
        await Expect("GT_value_KEL=293.15");
        await Expect("LT_value_FAH=69", "E3", "E6");
        await Expect("GE_value_FAH=68", "E3");
        await Expect("GE_value=40", "E3");

        // Combinations (AND across parameters, OR within one).
        await Expect($"EQ_type=Temperature&GE_value_CEL=15&EQ_bizStep={L("receiving", "shipping")}", "E3");
        await Expect($"MATCH_epc={L(gtin44)}&eventType={L("AggregationEvent", "TransformationEvent")}", "E5");
    }

    [Fact]
    public async Task OrderBy_Direction_EventCountLimit_AndPagesOfAnOrderedResult()
    {
        var run = await CaptureRunAsync();

        Assert.Equal(["E6", "E5", "E4", "E3", "E2", "E1"], await run.NamesAsync("orderBy=eventTime"));
        Assert.Equal(["E1", "E2", "E3", "E4", "E5", "E6"], await run.NamesAsync("orderBy=eventTime&orderDirection=ASC"));
        Assert.Equal(["E1", "E2"], await run.NamesAsync("orderBy=eventTime&orderDirection=ASC&eventCountLimit=2"));
        Assert.Equal(["E6"], await run.NamesAsync("orderBy=recordTime&orderDirection=DESC&eventCountLimit=1"));
        // A numeric extension field: 8 < 10 as numbers; events without it come last, in record order.
        Assert.Equal(["E1", "E2", "E3", "E4", "E5", "E6"], await run.NamesAsync("orderBy=example:temperatureMax&orderDirection=ASC"));
        Assert.Equal(["E2", "E1", "E3", "E4", "E5", "E6"], await run.NamesAsync("orderBy=example:temperatureMax&orderDirection=DESC"));
        // A string field: "A" < "B" < "C".
        Assert.Equal(["E5", "E2", "E1", "E3", "E4", "E6"], await run.NamesAsync($"orderBy={Uri.EscapeDataString("https://ns.example.com/epcis/#grade")}"));

        var seen = new List<string>();
        var url = $"/events?EQ_bizLocation={Uri.EscapeDataString(run.Location)}&orderBy=eventTime&orderDirection=ASC&eventCountLimit=5&perPage=2";
        var pages = 0;
        while (url is not null)
        {
            var response = await run.Auditor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(EventsOf(await response.ReadJsonAsync()).Select(run.NameOf));
            url = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["E1", "E2", "E3", "E4", "E5"], seen);
    }

    [Theory]
    [InlineData("maxEventCount=6", HttpStatusCode.OK, null)]
    [InlineData("maxEventCount=5", HttpStatusCode.RequestEntityTooLarge, "epcisException:QueryTooLargeException")]
    [InlineData("orderBy=eventTime&maxEventCount=5", HttpStatusCode.RequestEntityTooLarge, "epcisException:QueryTooLargeException")]
    [InlineData("eventCountLimit=2", HttpStatusCode.BadRequest, "epcisException:QueryParameterException")]
    [InlineData("orderBy=eventTime&eventCountLimit=2&maxEventCount=10", HttpStatusCode.BadRequest, "epcisException:QueryParameterException")]
    [InlineData("orderDirection=UP&orderBy=eventTime", HttpStatusCode.BadRequest, "epcisException:QueryParameterException")]
    [InlineData("WD_bizStep=shipping", HttpStatusCode.BadRequest, "epcisException:QueryParameterException")]
    [InlineData("HASATTR_colour=example:owner", HttpStatusCode.BadRequest, "epcisException:QueryParameterException")]
    [InlineData("EQATTR_bizLocation=x", HttpStatusCode.BadRequest, "epcisException:QueryParameterException")]
    [InlineData("GT_example:grade=B", HttpStatusCode.BadRequest, "epcisException:QueryParameterException")]
    [InlineData("MATCH_epc=urn:epc:idpat:sgtin:4012345.*.7", HttpStatusCode.BadRequest, "epcisException:QueryParameterException")]
    [InlineData("EQ_action=SHOUT", HttpStatusCode.BadRequest, "epcisException:QueryParameterException")]
    public async Task Limits_AndRefusals_AreStandardProblems(string query, HttpStatusCode status, string? type)
    {
        var run = await CaptureRunAsync();

        var response = await run.Auditor.GetAsync($"/events?EQ_bizLocation={Uri.EscapeDataString(run.Location)}&{query}");

        Assert.Equal(status, response.StatusCode);
        var body = await response.ReadJsonAsync();
        if (type is null)
        {
            Assert.Equal(6, EventsOf(body).Count);
        }
        else
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(type, body.GetProperty("type").GetString());
            Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        }
    }

    /// <summary>Captures the six events of one run (E1–E5 in one document, E6 with its error declaration in a second).</summary>
    private async Task<Run> CaptureRunAsync()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var auditor = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor));
        var run = new Run(Random.Shared.Next(100_000, 999_999), auditor);
        var s = run.Serial;
        var where = $"\"readPoint\":{{\"id\":\"urn:epc:id:sgln:401234.{s}.1\"}},\"bizLocation\":{{\"id\":\"{run.Location}\"}}";
        string[] events =
        [
            $$$"""{"type":"ObjectEvent","eventTime":"2026-08-01T08:00:00Z","eventTimeZoneOffset":"+00:00","epcList":["{{{run.Epc(1)}}}"],"action":"ADD","bizStep":"commissioning","disposition":"active",{{{where}}},"bizTransactionList":[{"type":"po","bizTransaction":"{{{run.PurchaseOrder}}}"}],"sourceList":[{"type":"owning_party","source":"urn:epc:id:pgln:4012345.00001"}],"ilmd":{"example:bestBeforeDate":"2026-12-01","example:weightKg":12.5,"example:harvest":{"example:farm":"north"}},"example:grade":"A","example:temperatureMax":8}""",
            $$$"""{"type":"ObjectEvent","eventTime":"2026-08-02T08:00:00+02:00","eventTimeZoneOffset":"+02:00","epcList":["{{{run.Epc(2, "055555")}}}"],"action":"OBSERVE","bizStep":"shipping","disposition":"in_transit",{{{where}}},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.044444.LOT{{{s}}}","quantity":200,"uom":"KGM"}],"destinationList":[{"type":"owning_party","destination":"urn:epc:id:pgln:4012345.00002"}],"persistentDisposition":{"set":["completeness_verified"],"unset":["completeness_inferred"]},"example:grade":"B","example:temperatureMax":10}""",
            $$$"""{"type":"ObjectEvent","eventTime":"2026-08-03T08:00:00Z","eventTimeZoneOffset":"+00:00","epcList":["{{{run.Epc(3)}}}"],"action":"OBSERVE","bizStep":"receiving",{{{where}}},"quantityList":[{"epcClass":"urn:epc:idpat:sgtin:4012345.055555.*","quantity":5}],"sensorElementList":[{"sensorMetadata":{"time":"2026-08-03T07:00:00Z","deviceID":"{{{run.Device}}}","bizRules":"https://example.com/rules/cold"},"sensorReport":[{"type":"Temperature","value":20,"uom":"CEL","example:probe":"P-7"},{"type":"gs1:RelativeHumidity","value":45,"uom":"P1"}]}]}""",
            $$$"""{"type":"TransformationEvent","eventTime":"2026-08-04T08:00:00Z","eventTimeZoneOffset":"+00:00","inputEPCList":["{{{run.Epc(1)}}}"],"outputEPCList":["https://id.gs1.org/01/04012345444445/21/{{{s}}}4"],"inputQuantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.055555.L1","quantity":3,"uom":"TNE"}],"transformationID":"{{{run.TransformationId}}}","bizStep":"commissioning",{{{where}}},"ilmd":{"example:bestBeforeDate":"2027-01-15"}}""",
            $$$"""{"type":"AggregationEvent","eventTime":"2026-08-05T08:00:00Z","eventTimeZoneOffset":"+00:00","parentID":"urn:epc:id:sscc:4012345.0{{{s}}}000","childEPCs":["{{{run.Epc(3)}}}"],"action":"ADD","bizStep":"packing",{{{where}}},"example:grade":"C","example:shipment":{"example:carrier":"ACME"}}""",
        ];
        Assert.Equal(5, (await CaptureAsync(api, Document(Context, events))).GetProperty("stored").GetInt32());
        var declared = $$$"""{"type":"ObjectEvent","eventTime":"2026-08-06T08:00:00Z","eventTimeZoneOffset":"+00:00","epcList":["{{{run.Epc(5)}}}"],"action":"OBSERVE","bizStep":"inspecting",{{{where}}},"sensorElementList":[{"sensorMetadata":{"time":"2026-08-06T07:00:00Z"},"sensorReport":[{"type":"Temperature","value":5,"uom":"CEL"}]}],"errorDeclaration":{"declarationTime":"2026-08-07T00:00:00Z","reason":"incorrect_data","correctiveEventIDs":["{{{run.CorrectiveId}}}"]}}""";
        Assert.Equal(1, (await CaptureAsync(api, Document(Context, declared))).GetProperty("stored").GetInt32());

        foreach (var e in await QueryAsync(auditor, $"/events?EQ_bizLocation={Uri.EscapeDataString(run.Location)}&perPage=100"))
        {
            var name = run.NameOf(e);
            run.EventIds[name] = e.GetProperty("eventID").GetString()!;
            run.RecordTimes[name] = e.GetProperty("recordTime").GetString()!;
        }

        Assert.Equal(6, run.EventIds.Count);
        return run;
    }

    private sealed class Run(int serial, HttpClient auditor)
    {
        private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
        {
            ["2026-08-01T08:00:00Z"] = "E1", ["2026-08-02T08:00:00+02:00"] = "E2", ["2026-08-03T08:00:00Z"] = "E3",
            ["2026-08-04T08:00:00Z"] = "E4", ["2026-08-05T08:00:00Z"] = "E5", ["2026-08-06T08:00:00Z"] = "E6",
        };

        public int Serial { get; } = serial;

        public HttpClient Auditor { get; } = auditor;

        public string Location => $"urn:epc:id:sgln:401234.{Serial}.0";

        public string Device => $"urn:epc:id:giai:4012345.{Serial}";

        public string PurchaseOrder => $"urn:epcglobal:cbv:bt:4012345000009:PO-{Serial}";

        public string TransformationId => $"https://example.com/transformations/{Serial}";

        public string CorrectiveId => $"urn:uuid:6f1c3b0e-0000-4000-8000-000000{Serial:D6}";

        public Dictionary<string, string> EventIds { get; } = [];

        public Dictionary<string, string> RecordTimes { get; } = [];

        public string Epc(int i, string item = "044444") => $"urn:epc:id:sgtin:4012345.{item}.{Serial}{i}";

        public string NameOf(JsonElement e) => Names[e.GetProperty("eventTime").GetString()!];

        public async Task<string[]> NamesAsync(string query)
            => [.. (await QueryAsync(Auditor, $"/events?EQ_bizLocation={Uri.EscapeDataString(Location)}&perPage=100&{query}")).Select(NameOf)];
    }
}
