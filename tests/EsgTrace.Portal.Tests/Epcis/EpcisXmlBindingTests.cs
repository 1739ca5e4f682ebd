using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using System.Xml.Schema;
using EsgTrace.Accounts;
using EsgTrace.Epcis.Xml;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>
/// The XML binding over HTTP on the real portal: an EPCIS 2.0 XML document is captured (202, then stored as its JSON form),
/// queried back as JSON and as XML (Accept: application/xml, valid against the GS1 XSD); the same event sent as XML and
/// then as JSON is one event (a duplicate, not a conflict); malformed XML, XSD violations, DTDs (XXE, entity expansion) and
/// too-deep documents are refused with problem details naming the line, and store nothing.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EpcisXmlBindingTests(PortalFixture portal)
{
    private static readonly XNamespace Epcisq = "urn:epcglobal:epcis-query:xsd:2";

    private static string XmlDocument(string events, string namespaces = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:ex="https://ns.example.com/epcis/" {namespaces}
            schemaVersion="2.0" creationDate="2026-05-01T10:00:00Z">
          <EPCISBody>
            <EventList>
        {events}
            </EventList>
          </EPCISBody>
        </epcis:EPCISDocument>
        """;

    private static string ShippingEvent(string serial, string? eventId = null) => $"""
              <ObjectEvent>
                <eventTime>2026-05-04T14:00:00.000+01:00</eventTime>
                <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                {(eventId is null ? string.Empty : $"<eventID>{eventId}</eventID>")}
                <epcList><epc>urn:epc:id:sgtin:4012345.011111.{serial}</epc></epcList>
                <action>OBSERVE</action>
                <bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
                <disposition>urn:epcglobal:cbv:disp:in_transit</disposition>
                <readPoint><id>urn:epc:id:sgln:4012345.00001.0</id></readPoint>
                <bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epc:id:gdti:4012345.00001.{serial}</bizTransaction></bizTransactionList>
                <quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.011111.L{serial}</epcClass><quantity>12.5</quantity><uom>KGM</uom></quantityElement></quantityList>
                <sensorElementList>
                  <sensorElement>
                    <sensorMetadata time="2026-05-04T13:55:00.000+01:00" deviceID="urn:epc:id:giai:4000001.111"/>
                    <sensorReport type="gs1:Temperature" value="4.5" uom="CEL"/>
                  </sensorElement>
                </sensorElementList>
                <extension><ex:lane>3</ex:lane></extension>
                <ex:carrier><ex:name>Rail Co</ex:name><ex:wagons xsi:type="xsd:integer">12</ex:wagons></ex:carrier>
              </ObjectEvent>
        """;

    private async Task<HttpClient> ClientAsync() => portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));

    private static HttpRequestMessage XmlPost(string xml, string contentType = "application/xml")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/capture") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(xml)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return request;
    }

    private static async Task<XDocument> QueryXmlAsync(HttpClient api, string pathAndQuery, string accept = "application/xml")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Accept.ParseAdd(accept);
        var response = await api.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{pathAndQuery} answered {(int)response.StatusCode}: {body}");
        Assert.Equal(accept, response.Content.Headers.ContentType!.MediaType);
        var doc = XDocument.Parse(body, LoadOptions.SetLineInfo);
        var errors = new List<string>();
        doc.Validate(EpcisXsd.Epcis2, (_, e) => errors.Add($"{e.Exception.LineNumber}: {e.Message}"));
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + body);
        Assert.Equal(Epcisq + "EPCISQueryDocument", doc.Root!.Name);
        return doc;
    }

    private static List<XElement> XmlEvents(XDocument doc)
        => doc.Root!.Element("EPCISBody")!.Element(Epcisq + "QueryResults")!.Element("resultsBody")!.Element("EventList")!.Elements().ToList();

    private static async Task<JsonElement> CaptureXmlAsync(HttpClient api, string xml, string contentType = "application/xml")
    {
        var response = await api.SendAsync(XmlPost(xml, contentType));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"capture answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var job = await (await api.GetAsync(response.Headers.Location + "?wait=30")).ReadJsonAsync();
        Assert.False(job.GetProperty("running").GetBoolean(), "the capture job did not finish in 30 s");
        return job;
    }

    [Fact]
    public async Task XmlDocument_IsCaptured_ThenQueriedBackAsJsonAndAsXml()
    {
        var api = await ClientAsync();
        const string id = "urn:uuid:7d3e51f0-1a2b-4c3d-8e9f-0a1b2c3d4e01";
        var job = await CaptureXmlAsync(api, XmlDocument(ShippingEvent("7101", id)));
        Assert.True(job.GetProperty("success").GetBoolean(), job.ToString());
        Assert.Equal(1, job.GetProperty("stored").GetInt32());

        var json = Assert.Single(await QueryAsync(api, "/events/" + Uri.EscapeDataString(id)));
        Assert.Equal("shipping", json.GetProperty("bizStep").GetString());
        Assert.Equal("in_transit", json.GetProperty("disposition").GetString());
        Assert.Equal("po", json.GetProperty("bizTransactionList")[0].GetProperty("type").GetString());
        Assert.Equal(12.5m, json.GetProperty("quantityList")[0].GetProperty("quantity").GetDecimal());
        Assert.Equal("Temperature", json.GetProperty("sensorElementList")[0].GetProperty("sensorReport")[0].GetProperty("type").GetString());
        Assert.Equal(4.5m, json.GetProperty("sensorElementList")[0].GetProperty("sensorReport")[0].GetProperty("value").GetDecimal());
        Assert.Equal("3", json.GetProperty("ex:lane").GetString());
        Assert.Equal(12, json.GetProperty("ex:carrier").GetProperty("ex:wagons").GetInt32());

        foreach (var path in new[] { "/events/" + Uri.EscapeDataString(id), "/epcs/" + Uri.EscapeDataString("urn:epc:id:sgtin:4012345.011111.7101") + "/events", "/events?MATCH_epc=urn:epc:id:sgtin:4012345.011111.7101" })
        {
            var xml = await QueryXmlAsync(api, path);
            var e = Assert.Single(XmlEvents(xml));
            Assert.Equal("ObjectEvent", e.Name.LocalName);
            Assert.Equal(id, e.Element("eventID")!.Value);
            Assert.Equal("urn:epcglobal:cbv:bizstep:shipping", e.Element("bizStep")!.Value);
            Assert.Equal("urn:epcglobal:cbv:btt:po", (string?)e.Element("bizTransactionList")!.Element("bizTransaction")!.Attribute("type"));
            Assert.Equal("gs1:Temperature", (string?)e.Descendants("sensorReport").Single().Attribute("type"));
            XNamespace ex = "https://ns.example.com/epcis/";
            Assert.Equal("3", e.Element(ex + "lane")!.Value);
            Assert.Equal("12", e.Element(ex + "carrier")!.Element(ex + "wagons")!.Value);
        }

        await QueryXmlAsync(api, "/events/" + Uri.EscapeDataString(id), "text/xml");
        var preferJson = new HttpRequestMessage(HttpMethod.Get, "/events/" + Uri.EscapeDataString(id));
        preferJson.Headers.Accept.ParseAdd("application/xml;q=0.5, application/ld+json");
        Assert.Equal("application/ld+json", (await api.SendAsync(preferJson)).Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TheSameEvent_CapturedAsXmlThenAsJson_IsOneEvent_ADuplicate()
    {
        var api = await ClientAsync();
        var first = await CaptureXmlAsync(api, XmlDocument(ShippingEvent("7102")), "text/xml");
        Assert.True(first.GetProperty("success").GetBoolean(), first.ToString());
        Assert.Equal(1, first.GetProperty("stored").GetInt32());

        // The same event in the JSON binding: bare CBV terms, a Digital Link for the EPC, fields in another order, no eventID.
        var json = """
            {"type":"ObjectEvent","action":"OBSERVE","eventTime":"2026-05-04T13:00:00Z","eventTimeZoneOffset":"+01:00",
             "epcList":["https://id.gs1.org/01/04012345111118/21/7102"],"bizStep":"shipping","disposition":"in_transit",
             "readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},
             "bizTransactionList":[{"type":"po","bizTransaction":"urn:epc:id:gdti:4012345.00001.7102"}],
             "quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.011111.L7102","quantity":12.50,"uom":"KGM"}],
             "sensorElementList":[{"sensorMetadata":{"time":"2026-05-04T12:55:00Z","deviceID":"urn:epc:id:giai:4000001.111"},"sensorReport":[{"type":"Temperature","value":4.5,"uom":"CEL"}]}],
             "ex:carrier":{"ex:wagons":12,"ex:name":"Rail Co"},"ex:lane":"3"}
            """;
        var second = await CaptureAsync(api, Document(""",{"ex":"https://ns.example.com/epcis/"}""", json));

        Assert.True(second.GetProperty("success").GetBoolean(), second.ToString());
        Assert.Equal(0, second.GetProperty("stored").GetInt32());
        Assert.Equal(1, second.GetProperty("duplicates").GetInt32());
        var stored = Assert.Single(await QueryAsync(api, "/epcs/" + Uri.EscapeDataString("urn:epc:id:sgtin:4012345.011111.7102") + "/events"));
        Assert.StartsWith("ni:///sha-256;", stored.GetProperty("eventID").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Refusals() => new()
    {
        { "not well-formed", XmlDocument(ShippingEvent("7201")).Replace("</EventList>", "</EventLis>", StringComparison.Ordinal), "Line " },
        { "XSD violation: no action", XmlDocument(ShippingEvent("7202")).Replace("<action>OBSERVE</action>", string.Empty, StringComparison.Ordinal), "action" },
        { "XSD violation: wrong action", XmlDocument(ShippingEvent("7203")).Replace("<action>OBSERVE</action>", "<action>LOOK</action>", StringComparison.Ordinal), "LOOK" },
        { "XXE: external entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" + XmlDocument(ShippingEvent("7204").Replace("<ex:lane>3</ex:lane>", "<ex:lane>&x;</ex:lane>", StringComparison.Ordinal)).Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", string.Empty, StringComparison.Ordinal).TrimStart(), "DTD" },
        { "entity expansion", "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n" + XmlDocument(ShippingEvent("7205").Replace("<ex:lane>3</ex:lane>", "<ex:lane>&b;</ex:lane>", StringComparison.Ordinal)).Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", string.Empty, StringComparison.Ordinal).TrimStart(), "DTD" },
        { "too deep", XmlDocument(ShippingEvent("7206").Replace("<ex:lane>3</ex:lane>", string.Concat(Enumerable.Repeat("<ex:n>", 40)) + "x" + string.Concat(Enumerable.Repeat("</ex:n>", 40)), StringComparison.Ordinal)), "deeper than" },
        { "not EPCIS", "<?xml version=\"1.0\"?><order xmlns=\"urn:example:orders\"><epc>urn:epc:id:sgtin:4012345.011111.7207</epc></order>", "root element" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task BadXml_IsRefusedWithProblemDetails_AndStoresNothing(string why, string xml, string mentions)
    {
        var api = await ClientAsync();
        var serial = System.Text.RegularExpressions.Regex.Match(xml, @"011111\.(72\d\d)").Groups[1].Value;

        var response = await api.SendAsync(XmlPost(xml));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("epcisException:ValidationException", problem.GetProperty("type").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(mentions, detail, StringComparison.Ordinal);
        Assert.Matches(@"Line \d+, position \d+", detail);
        Assert.DoesNotContain("root:", detail, StringComparison.Ordinal); // no /etc/passwd content echoed
        Assert.Null(response.Headers.Location);
        Assert.Empty(await QueryAsync(api, "/epcs/" + Uri.EscapeDataString("urn:epc:id:sgtin:4012345.011111." + serial) + "/events"));
        _ = why;
    }
}
