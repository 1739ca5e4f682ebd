using EsgTrace.Gs1;
using Xunit;

namespace EsgTrace.Domain.Tests.Epcis;

/// <summary>
/// Identifiers to their constrained canonical GS1 Digital Link (CBV 2.0 event hash). Expected values are the reference
/// implementation's published ones (RalphTro/epcis-event-hash-generator, tests/dl_normaliser_test.py at 5d2f1c3), unless
/// marked "ours": cases it leaves unconverted that the rules define.
/// </summary>
public sealed class CanonicalDigitalLinkTests
{
    [Theory]
    [InlineData("urn:epc:id:sgtin:4012345.011111.98%22", "https://id.gs1.org/01/04012345111118/21/98%22")]
    [InlineData("urn:epc:id:sgtin:415056789012.0.987654", "https://id.gs1.org/01/04150567890128/21/987654")]
    [InlineData("urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()", "https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29")]
    [InlineData("urn:epc:id:sscc:4012345.3111111111", "https://id.gs1.org/00/340123451111111111")]
    [InlineData("urn:epc:id:sscc:4012345.0000000011", "https://id.gs1.org/00/040123450000000115")]
    [InlineData("urn:epc:id:sgln:4012345.00005.122", "https://id.gs1.org/414/4012345000054/254/122")]
    [InlineData("urn:epc:id:sgln:4012345.00005.0", "https://id.gs1.org/414/4012345000054")]
    [InlineData("urn:epc:id:grai:4012345.00022.334455", "https://id.gs1.org/8003/04012345000221334455")]
    [InlineData("urn:epc:id:giai:4012345.ABC345", "https://id.gs1.org/8004/4012345ABC345")]
    [InlineData("urn:epc:id:gsrn:4012345.0000006765", "https://id.gs1.org/8018/401234500000067657")]
    [InlineData("urn:epc:id:gsrn:4012345.9876540000", "https://id.gs1.org/8018/401234598765400000")]
    [InlineData("urn:epc:id:gsrnp:4012345.0000000007", "https://id.gs1.org/8017/401234500000000074")]
    [InlineData("urn:epc:id:gsrnp:4012345.0000098765", "https://id.gs1.org/8017/401234500000987658")]
    [InlineData("urn:epc:id:gdti:4012345.00009.PO-4711", "https://id.gs1.org/253/4012345000092PO-4711")]
    [InlineData("urn:epc:id:gdti:987659999999..9", "https://id.gs1.org/253/98765999999929")]
    [InlineData("urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234", "https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234")]
    [InlineData("urn:epc:id:ginc:0614141.xyz47%2F11", "https://id.gs1.org/401/0614141xyz47%2F11")]
    [InlineData("urn:epc:id:gsin:4012345.222333444", "https://id.gs1.org/402/40123452223334442")]
    [InlineData("urn:epc:id:gsin:4012345.999987654", "https://id.gs1.org/402/40123459999876541")]
    [InlineData("urn:epc:id:itip:4012345.011111.01.02.987", "https://id.gs1.org/8006/040123451111180102/21/987")]
    [InlineData("urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7SDB", "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7SDB")]
    [InlineData("urn:epc:id:pgln:4000001.00000", "https://id.gs1.org/417/4000001000005")]
    [InlineData("urn:epc:id:pgln:999999999999.", "https://id.gs1.org/417/9999999999994")]
    [InlineData("urn:epc:class:lgtin:4012345.012345.Lot987", "https://id.gs1.org/01/04012345123456/10/Lot987")]
    public void EpcUrns_OfEveryGs1Key(string urn, string expected) => Assert.Equal(expected, DigitalLink.Canonical(urn));

    [Theory]
    [InlineData("urn:epc:idpat:sgtin:4012345.012345.*", "https://id.gs1.org/01/04012345123456")]
    [InlineData("urn:epc:idpat:grai:4012345.99999.*", "https://id.gs1.org/8003/04012345999990")]
    [InlineData("urn:epc:idpat:gdti:4012345.11111.*", "https://id.gs1.org/253/4012345111118")]
    [InlineData("urn:epc:idpat:sgcn:4012345.22222.*", "https://id.gs1.org/255/4012345222227")]
    [InlineData("urn:epc:idpat:cpi:4012345.AB12.*", "https://id.gs1.org/8010/4012345AB12")]
    [InlineData("urn:epc:idpat:itip:4012345.012345.01.02.*", "https://id.gs1.org/8006/040123451234560102")]
    [InlineData("urn:epc:idpat:upui:4012345.012345.*", "https://id.gs1.org/01/04012345123456")]
    public void ClassPatterns_BecomeTheirKey(string pattern, string expected) => Assert.Equal(expected, DigitalLink.Canonical(pattern));

    [Theory]
    [InlineData("https://id.gs1.org/gtin/09780345418913", "https://id.gs1.org/01/09780345418913")]
    [InlineData("https://example.com/gtin/09780345418913/21/765tz?abc=211121", "https://id.gs1.org/01/09780345418913/21/765tz")]
    [InlineData("http://example.de/gtin-8/01/97803111", "https://id.gs1.org/01/00000097803111")]
    [InlineData("http://us-company-with-UPC.com/01/001122334455/ser/GHB", "https://id.gs1.org/01/00001122334455/21/GHB")]
    [InlineData("https://ean-13.de/gtin/4012345123456/ser/ABC524", "https://id.gs1.org/01/04012345123456/21/ABC524")]
    [InlineData("http://id.gs1.org/gtin/9780345418913", "https://id.gs1.org/01/09780345418913")]
    [InlineData("https://id.gs1.org/gtin/9780345418913/cpv/344/lot/1223/ser/765tz", "https://id.gs1.org/01/09780345418913/21/765tz")]
    [InlineData("https://id.gs1.org/gtin/9780345418913/cpv/344", "https://id.gs1.org/01/09780345418913")]
    [InlineData("http://example.de/01/040123451234/cpv/344/lot/ABD", "https://id.gs1.org/01/00040123451234/10/ABD")]
    [InlineData("https://id.gs1.org/itip/123456789101100190/cpv/ABCD", "https://id.gs1.org/8006/123456789101100190")]
    [InlineData("https://fashion-corp.com/8006/040123451234560102/10/Lot-123/21/ser987", "https://id.gs1.org/8006/040123451234560102/21/ser987")]
    [InlineData("https://gs1.test.example.org/01/9780345418913/10/1223", "https://id.gs1.org/01/09780345418913/10/1223")]
    [InlineData("https://example.org/01/9780345418913/21/765tz?11=221109", "https://id.gs1.org/01/09780345418913/21/765tz")]
    [InlineData("https://example.co.uk/party/4226350800008", "https://id.gs1.org/417/4226350800008")]
    [InlineData("https://id.gs1.org/8010/0628165987/8011/9876", "https://id.gs1.org/8010/0628165987/8011/9876")]
    [InlineData("https://id.gs1.org/255/0811625999996554433", "https://id.gs1.org/255/0811625999996554433")]
    [InlineData("http://fashion.com/itip/040123451234560102/ser/ABC145", "https://id.gs1.org/8006/040123451234560102/21/ABC145")]
    [InlineData("https://id.gs1.org/01/09780345418913/21/A!(B)*", "https://id.gs1.org/01/09780345418913/21/A%21%28B%29%2A")] // ours
    [InlineData("https://example.com/01/09780345418913/21/a%2fb#frag", "https://id.gs1.org/01/09780345418913/21/a%2Fb")] // ours
    public void DigitalLinks_AreNormalised(string uri, string expected) => Assert.Equal(expected, DigitalLink.Canonical(uri));

    [Theory]
    [InlineData("http://example.org/123/4012345ABC987/456/4711")]
    [InlineData("http://id.gs1.org/99/9780345418913")]
    [InlineData("http://id.gs1.org/01/9780345418913/99/utfgf")]
    [InlineData("http://example.de/abc/9780345418913")]
    [InlineData("http://example.de/01/97803")]
    [InlineData("https://id.gs1.org/8006/04012345123456/22/ABCD/10/XYZ")]
    [InlineData("urn:epc:idpat:sgtin:4012345.*.*")]
    [InlineData("urn:epc:id:sgtin:4012345.01111.1")]
    [InlineData("Hello World!")]
    [InlineData("42")]
    public void NonKeys_AreKeptAsWritten(string value) => Assert.Null(DigitalLink.Canonical(value));

    [Fact]
    public void AUrnAndItsDigitalLink_AreOneIdentifier()
        => Assert.Equal(DigitalLink.Canonical("urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7SDB"), DigitalLink.Canonical("https://example.com/01/1234567987651/235/51qIgY)%3c%26Jp3*j7SDB?x=1"));
}
