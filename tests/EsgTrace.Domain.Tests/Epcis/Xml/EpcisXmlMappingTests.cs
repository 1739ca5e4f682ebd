using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using EsgTrace.Epcis;
using EsgTrace.Epcis.Xml;
using Xunit;

namespace EsgTrace.Domain.Tests.Epcis.Xml;

/// <summary>The XML ↔ JSON mapping rule by rule, on documents written by hand, with the JSON each rule must give.</summary>
public sealed class EpcisXmlMappingTests
{
    private const string Head = """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:ex="https://ns.example.com/epcis/" schemaVersion="2.0" creationDate="2026-05-01T10:00:00Z">
          <EPCISBody><EventList>
        """;

    private const string Tail = "</EventList></EPCISBody></epcis:EPCISDocument>";

    private const string Common = "<eventTime>2026-05-04T14:00:00.000+01:00</eventTime><eventTimeZoneOffset>+01:00</eventTimeZoneOffset>";

    private static (JsonElement Event, JsonElement Document) One(string eventXml, string head = Head)
    {
        var read = EpcisXmlReader.Read(Encoding.UTF8.GetBytes(head + eventXml + Tail), 1_000_000);
        Assert.True(read.IsValid, string.Join("; ", read.Problems.Select(p => p.Detail)));
        var doc = JsonDocument.Parse(read.Json!).RootElement.Clone();
        var check = EpcisDocumentReader.Read(doc);
        Assert.True(check.IsValid, string.Join("; ", check.Problems.Select(p => p.Detail)) + "\n" + doc);
        return (doc.GetProperty("epcisBody").GetProperty("eventList")[0], doc);
    }

    private static string Refusal(string eventXml)
    {
        var read = EpcisXmlReader.Read(Encoding.UTF8.GetBytes(Head + eventXml + Tail), 1_000_000);
        Assert.False(read.IsValid);
        return Assert.Single(read.Problems).Detail;
    }

    [Fact]
    public void Lists_LoseTheirItemWrappers()
    {
        var (e, _) = One($"""
            <ObjectEvent>{Common}<epcList><epc>urn:epc:id:sgtin:4012345.011111.1</epc><epc>urn:epc:id:sgtin:4012345.011111.2</epc></epcList><action>OBSERVE</action>
              <bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epc:id:gdti:4012345.00001.1</bizTransaction><bizTransaction>https://example.com/tx/9</bizTransaction></bizTransactionList>
              <quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.011111.A</epcClass><quantity>+05.50</quantity><uom>KGM</uom></quantityElement>
                <quantityElement><epcClass>urn:epc:class:lgtin:4012345.011111.B</epcClass><quantity xsi:nil="true"/></quantityElement></quantityList>
              <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:4012345.00001</source></sourceList>
              <destinationList><destination type="https://example.com/sdt/dock">urn:epc:id:sgln:4012345.00002.0</destination></destinationList>
            </ObjectEvent>
            """);

        Assert.Equal(["urn:epc:id:sgtin:4012345.011111.1", "urn:epc:id:sgtin:4012345.011111.2"], e.GetProperty("epcList").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("""[{"type":"po","bizTransaction":"urn:epc:id:gdti:4012345.00001.1"},{"bizTransaction":"https://example.com/tx/9"}]""", e.GetProperty("bizTransactionList").GetRawText());
        Assert.Equal("""[{"epcClass":"urn:epc:class:lgtin:4012345.011111.A","quantity":5.50,"uom":"KGM"},{"epcClass":"urn:epc:class:lgtin:4012345.011111.B"}]""", e.GetProperty("quantityList").GetRawText());
        Assert.Equal("""[{"type":"owning_party","source":"urn:epc:id:pgln:4012345.00001"}]""", e.GetProperty("sourceList").GetRawText());
        Assert.Equal("""[{"type":"https://example.com/sdt/dock","destination":"urn:epc:id:sgln:4012345.00002.0"}]""", e.GetProperty("destinationList").GetRawText());
    }

    [Fact]
    public void CbvUrns_BecomeBareTerms_AndBackToUrns()
    {
        var (e, doc) = One($"""
            <ObjectEvent>{Common}<errorDeclaration><declarationTime>2026-05-05T10:00:00Z</declarationTime><reason>urn:epcglobal:cbv:er:incorrect_data</reason>
              <correctiveEventIDs><correctiveEventID>urn:uuid:1b0e1d1e-0000-4000-8000-000000000001</correctiveEventID></correctiveEventIDs><ex:by>QA</ex:by></errorDeclaration>
              <certificationInfo>https://cert.example.com/ABC</certificationInfo>
              <epcList/><action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep><disposition>urn:epcglobal:cbv:disp:in_progress</disposition>
              <persistentDisposition><unset>urn:epcglobal:cbv:disp:completeness_inferred</unset><set>urn:epcglobal:cbv:disp:completeness_verified</set></persistentDisposition>
            </ObjectEvent>
            """);

        Assert.Equal("receiving", e.GetProperty("bizStep").GetString());
        Assert.Equal("in_progress", e.GetProperty("disposition").GetString());
        Assert.Equal("""{"set":["completeness_verified"],"unset":["completeness_inferred"]}""", e.GetProperty("persistentDisposition").GetRawText());
        Assert.Equal("""{"declarationTime":"2026-05-05T10:00:00Z","reason":"incorrect_data","correctiveEventIDs":["urn:uuid:1b0e1d1e-0000-4000-8000-000000000001"],"ex:by":"QA"}""", e.GetProperty("errorDeclaration").GetRawText());
        Assert.Equal("https://cert.example.com/ABC", e.GetProperty("certificationInfo").GetString());

        var xml = XDocument.Parse(Encoding.UTF8.GetString(EpcisXmlWriter.Document(doc)));
        var written = xml.Descendants("ObjectEvent").Single();
        Assert.Equal("urn:epcglobal:cbv:bizstep:receiving", written.Element("bizStep")!.Value);
        Assert.Equal("urn:epcglobal:cbv:er:incorrect_data", written.Element("errorDeclaration")!.Element("reason")!.Value);
        Assert.Equal(["unset", "set"], written.Element("persistentDisposition")!.Elements().Select(x => x.Name.LocalName));
    }

    [Fact]
    public void ExtensionWrappers_AreDissolved_In2xAnd1xDocuments()
    {
        var (e2, _) = One($"""
            <ObjectEvent>{Common}<baseExtension><ex:shift>night</ex:shift></baseExtension><epcList/><action>OBSERVE</action>
              <readPoint><id>urn:epc:id:sgln:4012345.00001.0</id><ex:door>7</ex:door></readPoint><extension><ex:lane>3</ex:lane></extension></ObjectEvent>
            """);
        Assert.Equal("night", e2.GetProperty("ex:shift").GetString());
        Assert.Equal("3", e2.GetProperty("ex:lane").GetString());
        Assert.Equal("""{"id":"urn:epc:id:sgln:4012345.00001.0","ex:door":"7"}""", e2.GetProperty("readPoint").GetRawText());

        // EPCIS 1.2: eventID in baseExtension, quantityList and ilmd in extension, TransformationEvent inside EventList/extension.
        const string head12 = """
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:ex="https://ns.example.com/epcis/" schemaVersion="1.2" creationDate="2026-05-01T10:00:00Z">
              <EPCISBody><EventList>
            """;
        var (e1, doc1) = One($"""
            <ObjectEvent>{Common}<baseExtension><eventID>urn:uuid:1b0e1d1e-0000-4000-8000-000000000012</eventID></baseExtension><epcList/><action>ADD</action>
              <extension><quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.011111.A</epcClass><quantity>2</quantity></quantityElement></quantityList>
              <ilmd><ex:grade>A</ex:grade></ilmd></extension></ObjectEvent>
            <extension><TransformationEvent>{Common}<inputEPCList><epc>urn:epc:id:sgtin:4012345.011111.1</epc></inputEPCList><outputEPCList><epc>urn:epc:id:sgtin:4012345.011111.9</epc></outputEPCList></TransformationEvent></extension>
            """, head12);
        Assert.Equal("urn:uuid:1b0e1d1e-0000-4000-8000-000000000012", e1.GetProperty("eventID").GetString());
        Assert.Equal(2, e1.GetProperty("quantityList")[0].GetProperty("quantity").GetInt32());
        Assert.Equal("""{"ex:grade":"A"}""", e1.GetProperty("ilmd").GetRawText());
        Assert.Equal("2.0", doc1.GetProperty("schemaVersion").GetString());
        Assert.Equal("TransformationEvent", doc1.GetProperty("epcisBody").GetProperty("eventList")[1].GetProperty("type").GetString());
    }

    [Fact]
    public void UserExtensions_BecomePrefixedFields_WithTheirNamespaceInTheContext()
    {
        var (e, doc) = One($"""
            <ObjectEvent>{Common}<epcList/><action>OBSERVE</action>
              <ex:tag>a</ex:tag><ex:tag>b</ex:tag>
              <ex:flag xsi:type="xsd:boolean">true</ex:flag><ex:count xsi:type="xsd:integer">12</ex:count><ex:ratio xsi:type="xsd:decimal">0.50</ex:ratio>
              <ex:when xsi:type="xsd:dateTime">2026-05-04T10:00:00Z</ex:when><ex:none xsi:nil="true"/>
              <ex:box><ex:id>B1</ex:id><inner>unqualified</inner></ex:box>
              <ex:weight unit="KGM">3.5</ex:weight>
              <o:other xmlns:o="urn:example:other">x</o:other>
              <gs1:misused xmlns:gs1="urn:example:not-gs1">y</gs1:misused>
            </ObjectEvent>
            """);

        Assert.Equal("""["a","b"]""", e.GetProperty("ex:tag").GetRawText());
        Assert.True(e.GetProperty("ex:flag").GetBoolean());
        Assert.Equal("12", e.GetProperty("ex:count").GetRawText());
        Assert.Equal("0.50", e.GetProperty("ex:ratio").GetRawText());
        Assert.Equal("2026-05-04T10:00:00Z", e.GetProperty("ex:when").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("ex:none").ValueKind);
        Assert.Equal("""{"ex:id":"B1","ex:inner":"unqualified"}""", e.GetProperty("ex:box").GetRawText());
        Assert.Equal("""{"ex:unit":"KGM","rdf:value":"3.5"}""", e.GetProperty("ex:weight").GetRawText());
        Assert.Equal("x", e.GetProperty("o:other").GetString());
        Assert.Equal("y", e.GetProperty("gs11:misused").GetString()); // gs1 is the standard context's: another prefix is made

        var context = doc.GetProperty("@context");
        Assert.Equal("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", context[0].GetString());
        Assert.Equal("""{"ex":"https://ns.example.com/epcis/","o":"urn:example:other","gs11":"urn:example:not-gs1"}""", context[1].GetRawText());

        var hash = EventHash.PreHash(e, EventHash.Prefixes(doc));
        Assert.Contains("{urn:example:not-gs1}misused=y", hash, StringComparison.Ordinal);
        Assert.Contains("{https://ns.example.com/epcis/}inner=unqualified", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void SensorAttributes_BecomeFields_AndGs1TermsBare()
    {
        var (e, doc) = One($"""
            <ObjectEvent>{Common}<epcList/><action>OBSERVE</action><sensorElementList><sensorElement>
              <sensorMetadata time="2026-05-04T13:00:00Z" deviceID="urn:epc:id:giai:4000001.111" ex:batch="b7"/>
              <sensorReport type="gs1:Temperature" value="26.0" uom="CEL" booleanValue="1"/>
              <sensorReport type="gs1:Angle" component="cbv:Comp-latitude" value="42.69" uom="DD"/>
              <sensorReport type="gs1:Molar_concentration" exception="gs1:ALARM_CONDITION" component="ex:x"/>
              <ex:note>ok</ex:note>
            </sensorElement></sensorElementList></ObjectEvent>
            """);

        var element = e.GetProperty("sensorElementList")[0];
        Assert.Equal("""{"time":"2026-05-04T13:00:00Z","deviceID":"urn:epc:id:giai:4000001.111","ex:batch":"b7"}""", element.GetProperty("sensorMetadata").GetRawText());
        Assert.Equal("""{"type":"Temperature","value":26.0,"uom":"CEL","booleanValue":true}""", element.GetProperty("sensorReport")[0].GetRawText());
        Assert.Equal("""{"type":"Angle","component":"latitude","value":42.69,"uom":"DD"}""", element.GetProperty("sensorReport")[1].GetRawText());
        // Not in the JSON schema's list: kept as the CURIE (same IRI); a user's component CURIE is kept too.
        Assert.Equal("""{"type":"gs1:Molar_concentration","exception":"ALARM_CONDITION","component":"ex:x"}""", element.GetProperty("sensorReport")[2].GetRawText());
        Assert.Equal("ok", element.GetProperty("ex:note").GetString());

        var written = XDocument.Parse(Encoding.UTF8.GetString(EpcisXmlWriter.Document(doc)));
        var reports = written.Descendants("sensorReport").ToList();
        Assert.Equal("gs1:Temperature", (string?)reports[0].Attribute("type"));
        Assert.Equal("cbv:Comp-latitude", (string?)reports[1].Attribute("component"));
        Assert.Equal("gs1:ALARM_CONDITION", (string?)reports[2].Attribute("exception"));
    }

    [Fact]
    public void WhatTheJsonBindingCannotHold_IsRefused_NamingTheLine()
    {
        var mixed = Refusal($"<ObjectEvent>{Common}<epcList/><action>OBSERVE</action>\n<ex:mixed>text<ex:a>1</ex:a></ex:mixed></ObjectEvent>");
        Assert.Matches(@"^Line 4, position \d+ \(<mixed>\): <mixed> mixes text with elements", mixed);
        Assert.Contains("not an EPCIS 2.0 event type", Refusal("<extension><ex:MyEvent>1</ex:MyEvent></extension>"), StringComparison.Ordinal);
        Assert.Contains("no finite number", Refusal($"<ObjectEvent>{Common}<epcList/><action>OBSERVE</action><ex:v xsi:type=\"xsd:double\">INF</ex:v></ObjectEvent>"), StringComparison.Ordinal);
    }

    [Fact]
    public void JsonWithNoXmlForm_RaisesAMappingException()
    {
        var doc = JsonDocument.Parse("""
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-05-01T10:00:00Z",
             "epcisBody":{"eventList":[{"type":"ObjectEvent","eventTime":"2026-05-04T13:00:00Z","eventTimeZoneOffset":"+01:00","epcList":[],"action":"OBSERVE",
             "certificationInfo":["https://cert.example.com/1","https://cert.example.com/2"]}]}}
            """).RootElement;

        var ex = Assert.Throws<MappingException>(() => EpcisXmlWriter.Document(doc));
        Assert.Contains("certificationInfo", ex.Message, StringComparison.Ordinal);
    }
}
