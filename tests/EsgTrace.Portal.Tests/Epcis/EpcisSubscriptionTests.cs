using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Epcis;
using EsgTrace.Testing;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisSubscriptionTestSupport;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>
/// Webhook and WebSocket subscriptions against the real portal (embedded silo, SQLite) and a real receiver on its own
/// Kestrel port: every matching event arrives (deduplicated by eventID, exactly once for the receiver) across a restart of
/// the platform, signed with the subscriber's token; a WebSocket gets what was captured after it connected; a schedule
/// delivers at its query times.
/// </summary>
public sealed class EpcisSubscriptionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Webhook_GetsEveryMatchingEventOnce_SignedWithItsToken_AcrossAPlatformRestart()
    {
        using var directory = new TempDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        var serial = Random.Shared.Next(100_000, 999_999);
        string Epc(int i) => $"urn:epc:id:sgtin:4012345.044444.{serial}{i}";
        const string Name = "shipped-restart";
        const string Token = "13df38d8275b13f05704629e5f1cf3d45d6132d5";
        var settings = FastDeliverySettings();
        string key;
        string subscription;
        using (var first = new PortalHost(directory.Path, settings))
        {
            key = await ApiTestSupport.IssueKeyAsync(first, Role.SupplyChain, "subscriber");
            var api = first.CreateApiClient(key);
            await CreateQueryAsync(api, Name, new { MATCH_anyEPC = Enumerable.Range(0, 10).Select(Epc).ToArray(), EQ_bizStep = new[] { "shipping" } });
            subscription = await SubscribeAsync(api, Name, new { dest = receiver.Hook.ToString(), signatureToken = Token, stream = true });

            await CaptureAsync(api, Document(string.Empty,
                EpcisCaptureTests.Observe(Epc(1), "2026-08-01T08:00:00Z", bizStep: "shipping"),
                EpcisCaptureTests.Observe(Epc(2), "2026-08-01T08:01:00Z", bizStep: "shipping"),
                EpcisCaptureTests.Observe(Epc(3), "2026-08-01T08:02:00Z", bizStep: "receiving")));
            Assert.True(await receiver.WaitForAsync(r => r.Seen.Count >= 2, Wait), $"the first capture's 2 matching events did not arrive; seen {receiver.Seen.Count}");

            // The receiver goes down; a capture waits in the outbox, retried, while the platform stops.
            receiver.FailWith = 503;
            await CaptureAsync(api, Document(string.Empty,
                EpcisCaptureTests.Observe(Epc(4), "2026-08-02T08:00:00Z", bizStep: "shipping"),
                EpcisCaptureTests.Observe(Epc(5), "2026-08-02T08:01:00Z", bizStep: "shipping"),
                EpcisCaptureTests.Observe(Epc(6), "2026-08-02T08:02:00Z", bizStep: "receiving")));
            Assert.True(await receiver.WaitForAsync(r => r.FailedRequests >= 2, Wait), "the failing receiver was not tried again");
            var failing = (await SubscriptionAsync(api, Name, subscription)).GetProperty("delivery");
            Assert.True(failing.GetProperty("consecutiveFailures").GetInt32() >= 1);
            Assert.Equal("503", failing.GetProperty("lastOutcome").GetString());
            Assert.Equal(1, failing.GetProperty("pendingCaptures").GetInt32());
            Assert.NotEqual(JsonValueKind.Null, failing.GetProperty("nextAttemptAt").ValueKind);
        }

        Assert.Equal(2, receiver.Seen.Count);
        receiver.FailWith = null;
        using var second = new PortalHost(directory.Path, settings);
        var again = second.CreateApiClient(key);
        if (!await receiver.WaitForAsync(r => r.Seen.Count >= 4, Wait))
        {
            Assert.Fail($"what waited in the outbox was not delivered after the restart; seen {receiver.Seen.Count}, failed {receiver.FailedRequests}; subscription: {await SubscriptionAsync(again, Name, subscription)}");
        }

        await CaptureAsync(again, Document(string.Empty,
            EpcisCaptureTests.Observe(Epc(7), "2026-08-03T08:00:00Z", bizStep: "shipping"),
            EpcisCaptureTests.Observe(Epc(8), "2026-08-03T08:01:00Z", bizStep: "receiving")));
        Assert.True(await receiver.WaitForAsync(r => r.Seen.Count >= 5, Wait), $"a capture after the restart was not delivered; seen {receiver.Seen.Count}");
        await Task.Delay(1500); // anything sent twice would come now

        var matching = await MatchingIdsAsync(again, Name);
        Assert.Equal(5, matching.Count);
        Assert.Equal(matching.Order(), receiver.Seen.Keys.Order());
        foreach (var delivery in receiver.Deliveries)
        {
            Assert.True(WebhookSignature.Verify(Token, delivery.Body, delivery.Signature), "a delivery's GS1-Signature does not verify with the subscriber's token");
            Assert.False(WebhookSignature.Verify("another token", delivery.Body, delivery.Signature));
            Assert.Equal(subscription, delivery.SubscriptionId);
            Assert.Equal(Name, delivery.QueryName);
            Assert.StartsWith("application/ld+json", delivery.ContentType, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(delivery.Body);
            Assert.Empty(EpcisSchema.Validate(doc.RootElement));
        }

        var status = (await SubscriptionAsync(again, Name, subscription)).GetProperty("delivery");
        Assert.Equal(0, status.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(0, status.GetProperty("pendingCaptures").GetInt32());
        Assert.True(status.GetProperty("failedAttempts").GetInt64() >= 1);
    }

    [Fact]
    public async Task WebSocket_StreamsTheMatchingEventsCapturedAfterItConnected_NotThoseBefore()
    {
        using var directory = new TempDirectory();
        using var host = new PortalHost(directory.Path, FastDeliverySettings());
        var key = await ApiTestSupport.IssueKeyAsync(host, Role.SupplyChain, "ws");
        var api = host.CreateApiClient(key);
        var serial = Random.Shared.Next(100_000, 999_999);
        string Epc(int i) => $"urn:epc:id:sgtin:4012345.055555.{serial}{i}";
        await CreateQueryAsync(api, "ws-shipping", new { MATCH_anyEPC = Enumerable.Range(0, 10).Select(Epc).ToArray(), EQ_bizStep = new[] { "shipping" } });
        await CaptureAsync(api, Document(string.Empty, EpcisCaptureTests.Observe(Epc(0), "2026-08-01T08:00:00Z", bizStep: "shipping")));

        // Without an upgrade, stream=true is a subscription error, not a query.
        var plain = await api.GetAsync("/queries/ws-shipping/events?stream=true");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal("epcisException:SubscriptionControlsException", (await plain.ReadJsonAsync()).GetProperty("type").GetString());

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", key);
        var ws = new UriBuilder(host.BaseAddress) { Scheme = "ws", Path = "/queries/ws-shipping/events", Query = "stream=true" }.Uri;
        using var timeout = new CancellationTokenSource(Wait);
        await socket.ConnectAsync(ws, timeout.Token);

        await CaptureAsync(api, Document(string.Empty,
            EpcisCaptureTests.Observe(Epc(1), "2026-08-02T08:00:00Z", bizStep: "shipping"),
            EpcisCaptureTests.Observe(Epc(2), "2026-08-02T08:01:00Z", bizStep: "receiving"),
            EpcisCaptureTests.Observe(Epc(3), "2026-08-02T08:02:00Z", bizStep: "shipping")));

        var received = new List<JsonElement>();
        var buffer = new byte[1 << 20];
        while (received.Count < 2)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult part;
            do
            {
                part = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, part.Count);
            }
            while (!part.EndOfMessage);
            Assert.Equal(WebSocketMessageType.Text, part.MessageType);
            using var doc = JsonDocument.Parse(message.ToArray());
            Assert.Empty(EpcisSchema.Validate(doc.RootElement));
            Assert.Equal("ws-shipping", doc.RootElement.GetProperty("epcisBody").GetProperty("queryResults").GetProperty("queryName").GetString());
            received.AddRange(EventsOf(doc.RootElement.Clone()));
        }

        Assert.Equal([Epc(1), Epc(3)], received.Select(e => e.GetProperty("epcList")[0].GetString()).Order());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task ScheduledSubscription_DeliversAtItsQueryTimes_AndReportsWhenEmpty()
    {
        using var directory = new TempDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var host = new PortalHost(directory.Path, FastDeliverySettings());
        var api = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.SupplyChain, "scheduled"));
        var serial = Random.Shared.Next(100_000, 999_999);
        string Epc(int i) => $"urn:epc:id:sgtin:4012345.066666.{serial}{i}";
        await CreateQueryAsync(api, "every-five-seconds", new { MATCH_anyEPC = Enumerable.Range(0, 10).Select(Epc).ToArray() });
        // Every fifth second of every minute (UTC), and an empty report when nothing is new.
        var id = await SubscribeAsync(api, "every-five-seconds", new
        {
            dest = receiver.Hook.ToString(),
            reportIfEmpty = true,
            schedule = new { second = "0,5,10,15,20,25,30,35,40,45,50,55" },
        });
        var next = (await SubscriptionAsync(api, "every-five-seconds", id)).GetProperty("delivery").GetProperty("nextScheduledAt").GetString()!;
        Assert.Equal(0, DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture).Second % 5);
        await CaptureAsync(api, Document(string.Empty,
            EpcisCaptureTests.Observe(Epc(1), "2026-08-02T08:00:00Z"),
            EpcisCaptureTests.Observe(Epc(2), "2026-08-02T08:01:00Z")));

        Assert.True(await receiver.WaitForAsync(r => r.Deliveries.Any(d => d.EventIds.Count == 2) && r.Deliveries.Count(d => d.EventIds.Count == 0) >= 2, Wait),
            $"deliveries: {string.Join(", ", receiver.Deliveries.Select(d => $"{d.At:HH:mm:ss.fff}={d.EventIds.Count}"))}");
        var deliveries = receiver.Deliveries;
        Assert.Single(deliveries, d => d.EventIds.Count > 0); // both events in the one run after their capture
        foreach (var d in deliveries)
        {
            // At a query time: within 2.5 s after a multiple of 5 seconds (never in between, as a stream would be).
            var intoSlot = (d.At.Second % 5) + (d.At.Millisecond / 1000.0);
            Assert.True(intoSlot < 2.5, $"a delivery at {d.At:HH:mm:ss.fff} is {intoSlot:0.00} s past its query time");
        }

        var times = deliveries.Select(d => d.At).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First > TimeSpan.FromSeconds(2.5), "two runs of one query time"));
    }
}
