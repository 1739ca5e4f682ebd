using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>
/// Over HTTP, an event is identified by its canonical form (CBV 2.0 pre-hash string): the same event re-sent in another
/// spelling is a duplicate (202, counted as a duplicate, no 409 error), and events that differ only in an extension
/// whose prefix their own @context declares are two events with two hashes.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EpcisCanonicalDuplicateTests(PortalFixture portal)
{
    private const string EventId = "urn:uuid:5a0e7c1e-3c55-4e1b-8d5e-2f7f6b2a9c01";

    [Fact]
    public async Task TheSameEventRespelled_IsADuplicate_NotAConflict()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var original = $$"""
            {"eventID":"{{EventId}}","type":"ObjectEvent","eventTime":"2026-05-04T14:00:00.000+01:00","eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"receiving",
             "epcList":["urn:epc:id:sgtin:4012345.011111.9501","urn:epc:id:sgtin:4012345.011111.9502"],"readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"example:lane":"3"}
            """;
        var respelled = $$"""
            {"@context":{"ln":"https://ns.example.com/epcis/"},"ln:lane":"3","readPoint":{"id":"https://id.gs1.org/414/4012345000016"},
             "epcList":["https://example.com/01/04012345111118/21/9502?src=label","urn:epc:id:sgtin:4012345.011111.9501"],
             "bizStep":"https://ref.gs1.org/cbv/BizStep-receiving","action":"OBSERVE","eventTimeZoneOffset":"+01:00","eventTime":"2026-05-04T14:00:00+01:00","type":"ObjectEvent","eventID":"{{EventId}}"}
            """;
        var first = await CaptureAsync(api, Document(""",{"example":"https://ns.example.com/epcis/"}""", original));
        Assert.Equal(1, first.GetProperty("stored").GetInt32());

        var response = await PostAsync(api, Document(string.Empty, respelled));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var job = await (await api.GetAsync(response.Headers.Location + "?wait=30")).ReadJsonAsync();

        Assert.True(job.GetProperty("success").GetBoolean(), job.ToString());
        Assert.Equal(0, job.GetProperty("stored").GetInt32());
        Assert.Equal(1, job.GetProperty("duplicates").GetInt32());
        Assert.Empty(job.GetProperty("errors").EnumerateArray());
        var stored = Assert.Single(await QueryAsync(api, "/events/" + Uri.EscapeDataString(EventId)));
        Assert.Equal("2026-05-04T14:00:00.000+01:00", stored.GetProperty("eventTime").GetString());
    }

    [Fact]
    public async Task EventsDifferingOnlyInAnEventLevelContextExtension_AreBothStored_WithTheirOwnHashes()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var folder = Path.Combine(RepositoryRoot.Path, "tests", "data", "epcis", "hash-rules");
        var json = await File.ReadAllTextAsync(Path.Combine(folder, "event-level-context.jsonld"));
        var hashes = (await File.ReadAllLinesAsync(Path.Combine(folder, "event-level-context.hashes"))).Where(l => l.Length > 0).ToList();

        var job = await CaptureAsync(api, json);

        // Events 1 and 3 are one event in two spellings (the reference implementation's published hash 21dd1a31…);
        // events 2 and 4 differ from it only in extensions whose prefixes the event's own @context declares.
        Assert.True(job.GetProperty("success").GetBoolean(), job.ToString());
        Assert.Equal(3, job.GetProperty("stored").GetInt32());
        Assert.Equal(1, job.GetProperty("duplicates").GetInt32());
        Assert.Equal(3, hashes.Distinct(StringComparer.Ordinal).Count());
        Assert.StartsWith("ni:///sha-256;21dd1a31d0f157e3", hashes[0], StringComparison.Ordinal);
        foreach (var hash in hashes.Distinct(StringComparer.Ordinal))
        {
            var stored = Assert.Single(await QueryAsync(api, "/events/" + Uri.EscapeDataString(hash)));
            Assert.Equal(hash, stored.GetProperty("eventID").GetString());
        }

        var other = Assert.Single(await QueryAsync(api, "/events/" + Uri.EscapeDataString(hashes[1])));
        Assert.Equal("otherValue", other.GetProperty("example:myField").GetString());
    }
}
