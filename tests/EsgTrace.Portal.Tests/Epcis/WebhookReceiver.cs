using System.Collections.Concurrent;
using System.Text.Json;
using EsgTrace.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>
/// A subscriber's webhook endpoint: a tiny Kestrel app on its own port that keeps every POST it gets (body, GS1-Signature,
/// arrival time) and, as a real receiver would, deduplicates the events by eventID. It can be told to fail.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public Uri Hook => new(Address, "hook");

    /// <summary>When set, every POST is answered with this status and its events are not counted as received.</summary>
    public int? FailWith { get; set; }

    public int FailedRequests => _failed;

    private int _failed;

    /// <summary>The accepted deliveries, in arrival order.</summary>
    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    /// <summary>Each distinct eventID received, with how many times it came.</summary>
    public IReadOnlyDictionary<string, int> Seen => _seen;

    public static async Task<WebhookReceiver> StartAsync()
    {
        WebhookReceiver? receiver = null;
        var (app, address) = await LoopbackSite.StartAsync(app => app.MapPost("/hook", async (HttpContext http) =>
        {
            using var memory = new MemoryStream();
            await http.Request.Body.CopyToAsync(memory);
            return receiver!.Receive(memory.ToArray(), http.Request.Headers["GS1-Signature"].ToString(), http.Request.ContentType);
        }));
        receiver = new WebhookReceiver(app, address);
        return receiver;
    }

    private IResult Receive(byte[] body, string signature, string? contentType)
    {
        if (FailWith is { } status)
        {
            Interlocked.Increment(ref _failed);
            return Results.StatusCode(status);
        }

        using var doc = JsonDocument.Parse(body);
        var results = doc.RootElement.GetProperty("epcisBody").GetProperty("queryResults");
        var ids = results.GetProperty("resultsBody").GetProperty("eventList").EnumerateArray().Select(e => e.GetProperty("eventID").GetString()!).ToList();
        _deliveries.Enqueue(new Delivery(body, signature, contentType, DateTimeOffset.UtcNow, results.GetProperty("queryName").GetString()!,
            results.TryGetProperty("subscriptionID", out var s) ? s.GetString() : null, ids));
        foreach (var id in ids)
        {
            _seen.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        return Results.Ok();
    }

    /// <summary>Waits (polling, at most <paramref name="timeout"/>) until <paramref name="done"/> holds.</summary>
    public async Task<bool> WaitForAsync(Func<WebhookReceiver, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done(this))
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Delivery(byte[] Body, string Signature, string? ContentType, DateTimeOffset At, string QueryName, string? SubscriptionId, IReadOnlyList<string> EventIds);
}
