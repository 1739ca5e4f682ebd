using System.Globalization;
using System.Net;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Epcis;
using EsgTrace.Portal.Api;
using EsgTrace.Testing;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>
/// The EPCIS 2.0 repository over HTTP: every GS1 example document (tests/data/epcis) is captured and each of its events
/// queried back by id; malformed documents are refused with the standard's problem types and store nothing; the server
/// sets recordTime, computes the CBV 2.0 hash for events without an eventID (checked against the reference
/// implementation's known answers) and never stores an event twice.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EpcisCaptureTests(PortalFixture portal)
{
    private static string DataFolder => Path.Combine(RepositoryRoot.Path, "tests", "data", "epcis");

    private async Task<HttpClient> ClientAsync(Role role) => portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, role));

    [Fact]
    public async Task EveryGs1ExampleDocument_IsCaptured_AndEachEventQueriedBackById()
    {
        var files = Directory.GetFiles(Path.Combine(DataFolder, "examples"), "*.jsonld", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(DataFolder, "event-hash"), "*.jsonld"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 50, $"expected the GS1 examples, found {files.Count} files");

        // The examples are independent documents: a few reuse one eventID for different events. A repository must refuse
        // such a reuse, so the documents are captured in waves, each into its own repository, with no reuse inside a wave.
        var waves = Waves(files);
        var checkedEvents = 0;
        foreach (var wave in waves)
        {
            using var directory = new TempDirectory();
            using var host = waves.Count == 1 ? null : new PortalHost(directory.Path);
            var target = host ?? portal.Host;
            var api = target.CreateApiClient(await ApiTestSupport.IssueKeyAsync(target, Role.SupplyChain));
            foreach (var file in wave)
            {
                var json = await File.ReadAllTextAsync(file);
                var job = await CaptureAsync(api, json);
                Assert.True(job.GetProperty("success").GetBoolean(), $"{Path.GetFileName(file)}: {job}");
                using var doc = JsonDocument.Parse(json);
                var prefixes = EventHash.Prefixes(doc.RootElement);
                foreach (var e in SentEvents(doc.RootElement))
                {
                    var id = e.TryGetProperty("eventID", out var sent) ? sent.GetString()! : EventHash.Id(e, prefixes);
                    var found = await QueryAsync(api, "/events/" + Uri.EscapeDataString(id));
                    var stored = Assert.Single(found);
                    Assert.Equal(id, stored.GetProperty("eventID").GetString());
                    Assert.Equal(e.GetProperty("type").GetString(), stored.GetProperty("type").GetString());
                    Assert.True(stored.TryGetProperty("recordTime", out _), "the server sets recordTime");
                    checkedEvents++;
                }
            }
        }

        Assert.True(checkedEvents >= 75, $"only {checkedEvents} events checked");
    }

    [Fact]
    public async Task EventsWithoutEventId_GetTheCbv2HashOfTheReferenceImplementation()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var json = await File.ReadAllTextAsync(Path.Combine(DataFolder, "event-hash", "epcisDocWithVariousEventTypes.jsonld"));
        var expected = (await File.ReadAllLinesAsync(Path.Combine(DataFolder, "event-hash", "epcisDocWithVariousEventTypes.hashes"))).Where(l => l.Length > 0).ToList();

        var job = await CaptureAsync(api, json);

        Assert.True(job.GetProperty("success").GetBoolean());
        foreach (var hash in expected)
        {
            var stored = Assert.Single(await QueryAsync(api, "/events/" + Uri.EscapeDataString(hash)));
            Assert.Equal(hash, stored.GetProperty("eventID").GetString());
        }
    }

    [Fact]
    public async Task SendingTheSameEventsAgain_StoresNothingTwice()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var doc = Document(string.Empty, Observe("urn:epc:id:sgtin:4012345.011111.7001", "2026-05-01T08:00:00+02:00"), Observe("urn:epc:id:sgtin:4012345.011111.7002", "2026-05-01T08:05:00+02:00"));

        var first = await CaptureAsync(api, doc);
        var second = await CaptureAsync(api, doc);

        Assert.Equal(2, first.GetProperty("stored").GetInt32());
        Assert.Equal(0, second.GetProperty("stored").GetInt32());
        Assert.Equal(2, second.GetProperty("duplicates").GetInt32());
        Assert.True(second.GetProperty("success").GetBoolean());
        Assert.Single(await QueryAsync(api, "/events?MATCH_epc=urn:epc:id:sgtin:4012345.011111.7001"));
    }

    [Theory]
    [InlineData("""{"type":"ObjectEvent","eventTime":"2026-05-01T08:00:00Z","eventTimeZoneOffset":"+00:00","action":"SHOUT","epcList":["urn:epc:id:sgtin:4012345.011111.8001"]}""", "/epcisBody/eventList/1/action")]
    [InlineData("""{"type":"ObjectEvent","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["urn:epc:id:sgtin:4012345.011111.8001"]}""", "/epcisBody/eventList/1")]
    [InlineData("""{"type":"ObjectEvent","eventTime":"yesterday","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["urn:epc:id:sgtin:4012345.011111.8001"]}""", "/epcisBody/eventList/1/eventTime")]
    [InlineData("""{"type":"TeleportEvent","eventTime":"2026-05-01T08:00:00Z","eventTimeZoneOffset":"+00:00"}""", "/epcisBody/eventList/1")]
    public async Task MalformedDocument_IsRefusedWithTheValidationProblem_AndNothingIsStored(string bad, string pointer)
    {
        var api = await ClientAsync(Role.SupplyChain);
        var good = Observe("urn:epc:id:sgtin:4012345.011111.8000", "2026-05-02T08:00:00Z");

        var response = await PostAsync(api, Document(string.Empty, good, bad));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("epcisException:ValidationException", problem.GetProperty("type").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.StartsWith(pointer, problem.GetProperty("pointer").GetString(), StringComparison.Ordinal);
        Assert.Empty(await QueryAsync(api, "/events?MATCH_epc=urn:epc:id:sgtin:4012345.011111.8000"));
    }

    [Fact]
    public async Task EventLargerThanTheRepositoryHolds_IsRefusedWith413_AndNothingIsStored()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var good = Observe("urn:epc:id:sgtin:4012345.011111.8100", "2026-05-02T08:00:00Z");
        // About 1 MiB in one event: before, 202 and a job that stayed "running" for ever.
        var big = Observe("urn:epc:id:sgtin:4012345.011111.8101", "2026-05-02T08:01:00Z")[..^1] + ",\"example:note\":\"" + new string('x', 1_000_000) + "\"}";

        var response = await PostAsync(api, Document(",{\"example\":\"https://example.com/epcis/\"}", good, big));

        var problem = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, problem.GetRawText());
        Assert.Equal("epcisException:CaptureLimitExceededException", problem.GetProperty("type").GetString());
        Assert.Equal("/epcisBody/eventList/1", problem.GetProperty("pointer").GetString());
        Assert.Equal(EpcisCaptureLimits.MaxEventBytes.ToString(CultureInfo.InvariantCulture), LimitIn(problem.GetProperty("detail").GetString()!));
        Assert.Null(response.Headers.Location);
        Assert.True(response.Headers.Contains("GS1-EPCIS-Capture-Limit"));
        Assert.Empty(await QueryAsync(api, "/events?MATCH_epc=urn:epc:id:sgtin:4012345.011111.8100"));
        Assert.Empty(await QueryAsync(api, "/events?MATCH_epc=urn:epc:id:sgtin:4012345.011111.8101"));
    }

    [Fact]
    public async Task OptionsCapture_AdvertisesTheLimits()
    {
        var api = await ClientAsync(Role.SupplyChain);

        var response = await api.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/capture"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(EpcisDocumentReader.CaptureLimit.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("GS1-EPCIS-Capture-Limit").Single());
        Assert.Equal(EpcisApi.MaxCaptureBytes.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("GS1-EPCIS-Capture-File-Size-Limit").Single());
        Assert.Equal("2.0.0", response.Headers.GetValues("GS1-EPCIS-Version").Single());
    }

    private static string LimitIn(string detail) => System.Text.RegularExpressions.Regex.Match(detail, @"at most ([\d,]+) bytes").Groups[1].Value.Replace(",", "", StringComparison.Ordinal);

    [Fact]
    public async Task NotJson_WrongMediaType_AndUnknownBehaviour_AreRefused()
    {
        var api = await ClientAsync(Role.SupplyChain);

        var notJson = await PostAsync(api, "{\"type\": \"EPCISDocument\",");
        var wrongType = await PostAsync(api, Document(string.Empty), contentType: "text/plain");
        var behaviour = await PostAsync(api, Document(string.Empty), behaviour: "maybe");

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("epcisException:ValidationException", (await notJson.ReadJsonAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, behaviour.StatusCode);
    }

    [Fact]
    public async Task ReusedEventIdWithOtherContent_FailsTheWholeCapture_UnlessProceed()
    {
        var api = await ClientAsync(Role.SupplyChain);
        await CaptureAsync(api, Document(string.Empty, Observe("urn:epc:id:sgtin:4012345.011111.9001", "2026-05-03T08:00:00Z", "urn:uuid:0d6c2b6a-7f42-4a0e-9f73-000000000001")));
        var reuse = Observe("urn:epc:id:sgtin:4012345.011111.9002", "2026-05-03T09:00:00Z", "urn:uuid:0d6c2b6a-7f42-4a0e-9f73-000000000001");
        var fresh = Observe("urn:epc:id:sgtin:4012345.011111.9003", "2026-05-03T09:30:00Z");

        var rollback = await CaptureAsync(api, Document(string.Empty, fresh, reuse));
        Assert.False(rollback.GetProperty("success").GetBoolean());
        Assert.Equal("rollback", rollback.GetProperty("captureErrorBehaviour").GetString());
        Assert.Equal(0, rollback.GetProperty("stored").GetInt32());
        Assert.Equal("epcisException:ResourceAlreadyExistsException", rollback.GetProperty("errors")[0].GetProperty("type").GetString());
        Assert.Empty(await QueryAsync(api, "/events?MATCH_epc=urn:epc:id:sgtin:4012345.011111.9003"));

        var proceed = await CaptureAsync(api, Document(string.Empty, fresh, reuse), "proceed");
        Assert.False(proceed.GetProperty("success").GetBoolean());
        Assert.Equal(1, proceed.GetProperty("stored").GetInt32());
        Assert.Single(await QueryAsync(api, "/events?MATCH_epc=urn:epc:id:sgtin:4012345.011111.9003"));
    }

    [Fact]
    public async Task UnknownCaptureJob_Is404_AndCaptureNeedsTheSupplyChainRole()
    {
        var api = await ClientAsync(Role.SupplyChain);
        var marketing = await ClientAsync(Role.Marketing);
        var anonymous = portal.Host.CreateApiClient();

        var unknown = await api.GetAsync("/capture/cdoesnotexist");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("epcisException:NoSuchResourceException", (await unknown.ReadJsonAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(marketing, Document(string.Empty))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, Document(string.Empty))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/events")).StatusCode);
    }

    internal static string Observe(string epc, string time, string? eventId = null, string bizStep = "receiving")
        => $$$"""{"type":"ObjectEvent",{{{(eventId is null ? "" : $"\"eventID\":\"{eventId}\",")}}}"eventTime":"{{{time}}}","eventTimeZoneOffset":"+00:00","action":"OBSERVE","bizStep":"{{{bizStep}}}","epcList":["{{{epc}}}"],"readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"}}""";

    private static IEnumerable<JsonElement> SentEvents(JsonElement root)
    {
        var body = root.GetProperty("epcisBody");
        var list = body.TryGetProperty("eventList", out var l) ? l : body.GetProperty("queryResults").GetProperty("resultsBody").GetProperty("eventList");
        return list.EnumerateArray();
    }

    /// <summary>Greedy waves of documents in which no eventID is used for two different events.</summary>
    private static List<List<string>> Waves(IReadOnlyList<string> files)
    {
        var waves = new List<(List<string> Files, Dictionary<string, JsonElement> Ids)>();
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var prefixes = EventHash.Prefixes(doc.RootElement);
            var events = SentEvents(doc.RootElement).Select(e => (Id: e.TryGetProperty("eventID", out var id) ? id.GetString()! : EventHash.Id(e, prefixes), Event: e.Clone())).ToList();
            var wave = waves.FirstOrDefault(w => events.All(e => !w.Ids.TryGetValue(e.Id, out var other) || EpcisEventJson.SameEvent(other, e.Event)));
            if (wave.Files is null)
            {
                wave = ([], new Dictionary<string, JsonElement>(StringComparer.Ordinal));
                waves.Add(wave);
            }

            wave.Files.Add(file);
            foreach (var e in events)
            {
                wave.Ids.TryAdd(e.Id, e.Event);
            }
        }

        return waves.Select(w => w.Files).ToList();
    }
}
