using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;
using Xunit.Abstractions;

namespace EsgTrace.Cluster.Tests;

/// <summary>
/// EPCIS capture through portals in Client mode (no storage of their own: documents are staged through the capture job
/// grain) on three silos and Azurite, one silo killed with SIGKILL while documents are being captured. Every capture the
/// API accepted (202) must finish, each document's events stored exactly once, and a document refused under rollback must
/// leave none of its events behind.
/// </summary>
public sealed class EpcisCaptureKillTests(ITestOutputHelper output)
{
    private const int Documents = 30;
    private const int EventsPerDocument = 5;

    [Fact]
    public async Task KillingASilo_WhileClientModePortalsCapture_StoresEveryAcceptedCaptureOnce_AndKeepsAllOrNothing()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(azurite.ConnectionString, silos: 3, portals: 2);
        var clients = new List<HttpClient>();
        foreach (var portal in cluster.Portals)
        {
            clients.Add(ApiClients.For(portal, await cluster.IssueKeyAsync(Role.SupplyChain)));
        }

        // Document 0 first, alone: every 6th document reuses its first eventID for a different event, so it must be refused whole.
        var first = await CaptureUntilAcceptedAsync(clients[0], 0);
        Assert.True((await WaitFinishedAsync(clients[0], first)).GetProperty("success").GetBoolean());

        var accepted = new ConcurrentDictionary<int, ConcurrentBag<string>>();
        var answers = new ConcurrentDictionary<string, int>();
        var victim = cluster.Silos[1];
        var killed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(1, Documents - 1), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (doc, _) =>
        {
            var client = clients[doc % clients.Count];
            var captureId = await CaptureUntilAcceptedAsync(client, doc, answers);
            accepted.GetOrAdd(doc, _ => []).Add(captureId);
            if (accepted.Count >= Documents / 3 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                cluster.KillSilo(victim);
            }
        });
        Assert.Equal(1, killed);

        var jobs = new Dictionary<int, List<JsonElement>>();
        foreach (var (doc, ids) in accepted)
        {
            jobs[doc] = [];
            foreach (var id in ids)
            {
                jobs[doc].Add(await WaitFinishedAsync(clients[0], id));
            }
        }

        var stored = new Dictionary<int, int>();
        for (var doc = 0; doc < Documents; doc++)
        {
            stored[doc] = await CountEventsAsync(clients[1], Epc(doc));
        }

        FaultReport.Write(output, nameof(EpcisCaptureKillTests), $"3 silos + 2 client-mode portals, silo killed (SIGKILL) after {Documents / 3} accepted captures: {Documents} EPCIS documents of {EventsPerDocument} events ({string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Value}× {a.Key}"))}); accepted {accepted.Count + 1} documents; events found stored: {stored.Values.Sum()} (expected {(Documents - Poisoned().Count()) * EventsPerDocument})");

        Assert.Equal(Documents - 1, accepted.Count);
        foreach (var (doc, docJobs) in jobs)
        {
            if (IsPoisoned(doc))
            {
                Assert.All(docJobs, j => Assert.False(j.GetProperty("success").GetBoolean(), $"document {doc} reuses an eventID for another event and must be refused"));
                Assert.Equal(0, stored[doc]);
            }
            else
            {
                Assert.All(docJobs, j => Assert.True(j.GetProperty("success").GetBoolean(), $"capture of document {doc} failed: {j}"));
                Assert.Equal(EventsPerDocument, stored[doc]);
            }
        }

        Assert.Equal(EventsPerDocument, stored[0]);
        Assert.True(victim.HasExited);
    }

    private static bool IsPoisoned(int doc) => doc > 0 && doc % 6 == 0;

    private static IEnumerable<int> Poisoned() => Enumerable.Range(0, Documents).Where(IsPoisoned);

    private static string Epc(int doc) => "urn:epc:id:sgtin:4012345.011111." + (9000 + doc).ToString(CultureInfo.InvariantCulture);

    private static string EventId(int doc, int i) => $"urn:uuid:6a0f3c1e-0000-4000-8000-{doc:D6}{i:D6}";

    private static string Document(int doc)
    {
        var events = Enumerable.Range(0, EventsPerDocument).Select(i =>
        {
            // A poisoned document's last event takes document 0's first eventID, with other content.
            var id = IsPoisoned(doc) && i == EventsPerDocument - 1 ? EventId(0, 0) : EventId(doc, i);
            var time = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(doc * 10 + i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return $$$"""{"type":"ObjectEvent","eventID":"{{{id}}}","eventTime":"{{{time}}}","eventTimeZoneOffset":"+00:00","action":"OBSERVE","bizStep":"receiving","epcList":["{{{Epc(doc)}}}"],"readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"}}""";
        });
        return $$$"""{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-06-01T10:00:00Z","epcisBody":{"eventList":[{{{string.Join(",", events)}}}]}}""";
    }

    /// <summary>Posts the document until it is accepted (202): a 503 or a lost connection means "unknown, send it again".</summary>
    private static async Task<string> CaptureUntilAcceptedAsync(HttpClient client, int doc, ConcurrentDictionary<string, int>? answers = null)
    {
        for (var attempt = 0; attempt < 80; attempt++)
        {
            string answer;
            try
            {
                using var content = new StringContent(Document(doc), Encoding.UTF8, "application/ld+json");
                using var response = await client.PostAsync("/capture", content);
                answer = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                answers?.AddOrUpdate(answer, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    return body.GetProperty("captureID").GetString()!;
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    throw new InvalidOperationException($"document {doc}: {answer} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                answers?.AddOrUpdate("connection lost", 1, (_, n) => n + 1);
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"document {doc} was never accepted");
    }

    /// <summary>The capture job once it has finished (a job whose silo died is resumed on a survivor).</summary>
    private static async Task<JsonElement> WaitFinishedAsync(HttpClient client, string captureId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync($"/capture/{captureId}?wait=10");
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.IsSuccessStatusCode)
                {
                    var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    if (!job.GetProperty("running").GetBoolean())
                    {
                        return job;
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"capture {captureId} did not finish within 3 minutes (last: {last})");
    }

    private static async Task<int> CountEventsAsync(HttpClient client, string epc)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.GetAsync("/events?MATCH_epc=" + Uri.EscapeDataString(epc) + "&perPage=100");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 20)
            {
                await Task.Delay(500);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return root.GetProperty("epcisBody").GetProperty("queryResults").GetProperty("resultsBody").GetProperty("eventList").GetArrayLength();
        }
    }
}
