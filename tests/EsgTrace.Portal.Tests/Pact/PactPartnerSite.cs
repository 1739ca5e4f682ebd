using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EsgTrace.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EsgTrace.Portal.Tests.Pact;

/// <summary>One event as a partner's /3/events received it: its content type, bearer token and body.</summary>
public sealed record ReceivedPactEvent(string? ContentType, string? Authorization, JsonElement Body);

/// <summary>
/// Another PACT party on a real loopback Kestrel port, as the conformance service is to a host under test: a token
/// endpoint (client credentials, Basic auth, a fixed client) and a /3/events that records what it is sent, answering
/// 401 without its token and 503 while <see cref="Down"/> is set.
/// </summary>
public sealed class PactPartnerSite : IAsyncDisposable
{
    public const string ClientId = "conformance-client";
    public const string ClientSecret = "conformance secret: 7 words and a colon";
    private const string Token = "partner-site-token-1";
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;

    private PactPartnerSite(Microsoft.AspNetCore.Builder.WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<ReceivedPactEvent> Events { get; } = new();

    public int TokensIssued;

    public bool Down { get; set; }

    public static async Task<PactPartnerSite> StartAsync()
    {
        PactPartnerSite? site = null;
        var (app, address) = await LoopbackSite.StartAsync(app =>
        {
            app.MapPost("/auth/token", async (HttpContext http) =>
            {
                var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(ClientSecret)));
                var form = await http.Request.ReadFormAsync();
                if (http.Request.Headers.Authorization != expected || form["grant_type"] != "client_credentials")
                {
                    return Results.Json(new { error = "invalid_client" }, statusCode: 401);
                }

                Interlocked.Increment(ref site!.TokensIssued);
                return Results.Json(new { access_token = Token, token_type = "Bearer", expires_in = 3600 });
            });
            app.MapPost("/3/events", async (HttpContext http) =>
            {
                if (site!.Down)
                {
                    return Results.StatusCode(503);
                }

                if (http.Request.Headers.Authorization != "Bearer " + Token)
                {
                    return Results.Json(new { code = "BadRequest", message = "Invalid token provided" }, statusCode: 401);
                }

                var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
                site.Events.Enqueue(new ReceivedPactEvent(http.Request.ContentType, http.Request.Headers.Authorization, body));
                return Results.Ok();
            });
        });
        site = new PactPartnerSite(app, address);
        return site;
    }

    /// <summary>The events of a type (and answering a request id, if given), waiting up to 30 s for the first.</summary>
    public async Task<List<JsonElement>> WaitForAsync(string type, string? requestEventId = null, int atLeast = 1)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = Events.Select(e => e.Body).Where(b => b.GetProperty("type").GetString() == type
                && (requestEventId is null || b.GetProperty("data").TryGetProperty("requestEventId", out var r) && r.GetString() == requestEventId)).ToList();
            if (found.Count >= atLeast || DateTime.UtcNow > until)
            {
                return found;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
