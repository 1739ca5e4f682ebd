using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EsgTrace.Epcis;
using EsgTrace.Portal.Auth;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Portal.Api;

/// <summary>
/// EPCIS 2.0 named queries and subscriptions (REST binding <c>/queries</c>): create, list, read and delete named queries,
/// run them (paged like <c>/events</c>, or streamed over a WebSocket with <c>stream=true</c>), and subscribe webhooks to
/// them (<c>/queries/{name}/subscriptions</c>). The same roles as <c>/events</c>: supply chain writes, supply chain and audit read.
/// </summary>
public static class EpcisQueriesApi
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly string[] PagingParameters = ["perPage", "nextPageToken"];

    /// <summary>A listing token's tag: the query name to continue after follows it.</summary>
    private const string ListingTag = "n:";
    private static readonly string[] ScheduleParameters = ["second", "minute", "hour", "dayOfMonth", "month", "dayOfWeek"];
    private static readonly string[] SubscriptionParameters = ["stream", "reportIfEmpty", "initialRecordTime", .. ScheduleParameters];

    public static WebApplication MapEpcisQueriesApi(this WebApplication app)
    {
        app.UseWebSockets();
        var write = app.MapGroup(string.Empty).RequireAuthorization(Policies.SupplyChainWrite).WithTags("EPCIS 2.0 queries");
        var read = app.MapGroup(string.Empty).RequireAuthorization(Policies.SupplyChain).WithTags("EPCIS 2.0 queries");
        write.MapPost("/queries", CreateQuery).WithName("EpcisCreateQuery").Accepts<JsonElement>("application/json")
            .WithSummary("Create a named query: {\"name\": …, \"query\": {parameter: value}} (201 + Location; 409 if the name is taken; 400 QueryParameterException for a query /events would refuse).");
        read.MapGet("/queries", ListQueries).WithName("EpcisQueries").WithSummary("The named queries in name order, paged (perPage, nextPageToken, Link rel=next).");
        read.MapGet("/queries/{queryName}", GetQuery).WithName("EpcisQuery").WithSummary("One named query's definition.");
        write.MapDelete("/queries/{queryName}", DeleteQuery).WithName("EpcisDeleteQuery").WithSummary("Delete a named query and end every subscription to it (204).");
        read.MapGet("/queries/{queryName}/events", QueryEvents).WithName("EpcisQueryEvents")
            .WithSummary("Run a named query (EPCISQueryDocument, paged like /events). With stream=true and a WebSocket upgrade, streams the matching events captured after the connection opened.");
        write.MapPost("/queries/{queryName}/subscriptions", Subscribe).WithName("EpcisSubscribe").Accepts<JsonElement>("application/json")
            .WithSummary("Subscribe a webhook: dest, signatureToken (GS1-Signature: sha256=HMAC-SHA256 hex of the body), initialRecordTime, and \"stream\": true or a schedule (with reportIfEmpty). 201 + Location.");
        read.MapGet("/queries/{queryName}/subscriptions", ListSubscriptions).WithName("EpcisSubscriptions").WithSummary("The subscriptions of a named query with their delivery status, paged.");
        read.MapGet("/queries/{queryName}/subscriptions/{subscriptionId}", GetSubscription).WithName("EpcisSubscription").WithSummary("One subscription and its delivery status.");
        write.MapDelete("/queries/{queryName}/subscriptions/{subscriptionId}", Unsubscribe).WithName("EpcisUnsubscribe").WithSummary("End a subscription (204).");
        return app;
    }

    private static async Task<IResult> CreateQuery(HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        var (body, error) = await ReadBodyAsync(http, EpcisSubscriptionProblems.Query);
        if (error is not null)
        {
            return EpcisApi.Problem(error);
        }

        using (body)
        {
            var (name, parameters, problem) = EpcisNamedQueryRequest.Read(body!.RootElement);
            if (problem is not null)
            {
                return EpcisApi.Problem(problem);
            }

            var grain = grains.GetGrain<IEpcisNamedQueryGrain>(name!);
            if (!await grain.Create(parameters!, user.Actor()))
            {
                return EpcisApi.Problem(new EpcisProblem(EpcisProblem.ResourceAlreadyExists, "The query name is taken.", $"A named query '{name}' exists; delete it first or choose another name.", "/name", StatusCodes.Status409Conflict));
            }

            var created = await grain.Get();
            return TypedResults.Created("/queries/" + name, QueryJson(created!));
        }
    }

    private static async Task<IResult> ListQueries(HttpContext http, int? perPage, string? nextPageToken, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        if (Paging(perPage, nextPageToken) is not var (count, after))
        {
            return EpcisApi.Problem(EpcisSubscriptionProblems.Query($"'perPage' is 1-{EpcisQuery.MaxPerPage} and 'nextPageToken' a token this endpoint gave."));
        }

        var page = await grains.GetGrain<IEpcisSubscriptionsGrain>(0).Queries(after, count);
        AddNextLink(http, page.NextAfter);
        return TypedResults.Ok(page.Queries.Select(QueryJson));
    }

    private static async Task<IResult> GetQuery(string queryName, HttpContext http, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        return await FindAsync(queryName, grains) is { } query ? TypedResults.Ok(QueryJson(query)) : EpcisApi.Problem(EpcisSubscriptionProblems.NoSuchQuery(queryName));
    }

    private static async Task<IResult> DeleteQuery(string queryName, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        return EpcisNamedQueryRequest.IsValidName(queryName) && await grains.GetGrain<IEpcisNamedQueryGrain>(queryName).Delete(user.Actor())
            ? TypedResults.NoContent()
            : EpcisApi.Problem(EpcisSubscriptionProblems.NoSuchQuery(queryName));
    }

    private static async Task<IResult> QueryEvents(string queryName, HttpContext http, IGrainFactory grains, IClock clock)
    {
        AddVersionHeaders(http);
        if (await FindAsync(queryName, grains) is not { } named)
        {
            return EpcisApi.Problem(EpcisSubscriptionProblems.NoSuchQuery(queryName));
        }

        var request = http.Request.Query;
        if (request.Keys.FirstOrDefault(k => !PagingParameters.Contains(k) && !SubscriptionParameters.Contains(k)) is { } extra)
        {
            return EpcisApi.Problem(EpcisSubscriptionProblems.Query($"'{extra}' cannot be added to a named query when it runs; only perPage, nextPageToken and, for a WebSocket subscription, stream. Create another named query instead."));
        }

        var wantsStream = request.ContainsKey("stream");
        if (http.WebSockets.IsWebSocketRequest || wantsStream || request.Keys.Any(k => SubscriptionParameters.Contains(k)))
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                return EpcisApi.Problem(EpcisSubscriptionProblems.Controls("Subscription parameters (stream, schedule fields) on /queries/{name}/events need a WebSocket upgrade (Upgrade: websocket); for a webhook, POST /queries/{name}/subscriptions."));
            }

            if (request["stream"].ToString() != "true" || request.Keys.Any(k => k is not "stream" && SubscriptionParameters.Contains(k)))
            {
                return EpcisApi.Problem(EpcisSubscriptionProblems.Controls("WebSocket subscriptions here stream: give stream=true and no schedule fields (scheduled reports are offered as webhooks, POST /queries/{name}/subscriptions)."));
            }

            var (live, liveProblem) = EpcisQueryParser.Parse(named.AsQueryString());
            return liveProblem is not null ? EpcisApi.Problem(liveProblem) : new WebSocketStream(named.Name, live!, grains, clock);
        }

        var (query, problem) = EpcisQueryParser.Parse(named.AsQueryString().Concat(request.Select(q => KeyValuePair.Create(q.Key, q.Value.ToArray()))));
        if (problem is not null)
        {
            return EpcisApi.Problem(problem);
        }

        var page = await grains.GetGrain<IEpcisQueryGrain>(0).Query(query!);
        if (page.NextPageToken is { } token)
        {
            NextPageLink.Add(http, token);
        }

        return TypedResults.Bytes(EpcisQueryDocumentWriter.Write(page.Events, page.Context, clock.GetCurrentInstant(), named.Name), "application/ld+json");
    }

    private static async Task<IResult> Subscribe(string queryName, HttpContext http, ClaimsPrincipal user, IGrainFactory grains, IClock clock, IOptions<EpcisSubscriptionOptions> options)
    {
        AddVersionHeaders(http);
        if (await FindAsync(queryName, grains) is null)
        {
            return EpcisApi.Problem(EpcisSubscriptionProblems.NoSuchQuery(queryName));
        }

        var (body, error) = await ReadBodyAsync(http, EpcisSubscriptionProblems.Controls);
        if (error is not null)
        {
            return EpcisApi.Problem(error);
        }

        using (body)
        {
            var (spec, problem) = EpcisSubscriptionRequest.Read(body!.RootElement, queryName, clock.GetCurrentInstant(), user.Actor(), options.Value.AllowPrivateDestinations);
            if (problem is not null)
            {
                return EpcisApi.Problem(problem);
            }

            var view = await grains.GetGrain<IEpcisNamedQueryGrain>(queryName).Subscribe(spec!);
            return view is null
                ? EpcisApi.Problem(EpcisSubscriptionProblems.NoSuchQuery(queryName))
                : TypedResults.Created($"/queries/{queryName}/subscriptions/{view.SubscriptionId}", SubscriptionJson(view));
        }
    }

    private static async Task<IResult> ListSubscriptions(string queryName, HttpContext http, int? perPage, string? nextPageToken, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        if (await FindAsync(queryName, grains) is null)
        {
            return EpcisApi.Problem(EpcisSubscriptionProblems.NoSuchQuery(queryName));
        }

        if (Paging(perPage, nextPageToken) is not var (count, after))
        {
            return EpcisApi.Problem(EpcisSubscriptionProblems.Controls($"'perPage' is 1-{EpcisQuery.MaxPerPage} and 'nextPageToken' a token this endpoint gave."));
        }

        var page = await grains.GetGrain<IEpcisSubscriptionsGrain>(0).Subscriptions(queryName, after, count);
        AddNextLink(http, page.NextAfter);
        return TypedResults.Ok(page.Subscriptions.Select(SubscriptionJson));
    }

    private static async Task<IResult> GetSubscription(string queryName, string subscriptionId, HttpContext http, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        var view = EpcisNamedQueryRequest.IsValidName(queryName) && Guid.TryParse(subscriptionId, out _)
            ? await grains.GetGrain<IEpcisSubscriptionGrain>(subscriptionId).Get()
            : null;
        return view is not null && view.QueryName == queryName
            ? TypedResults.Ok(SubscriptionJson(view))
            : EpcisApi.Problem(EpcisSubscriptionProblems.NoSuchSubscription(queryName, subscriptionId));
    }

    private static async Task<IResult> Unsubscribe(string queryName, string subscriptionId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        return EpcisNamedQueryRequest.IsValidName(queryName) && Guid.TryParse(subscriptionId, out _)
            && await grains.GetGrain<IEpcisNamedQueryGrain>(queryName).Unsubscribe(subscriptionId, user.Actor())
            ? TypedResults.NoContent()
            : EpcisApi.Problem(EpcisSubscriptionProblems.NoSuchSubscription(queryName, subscriptionId));
    }

    private static async Task<EpcisNamedQuery?> FindAsync(string queryName, IGrainFactory grains)
        => EpcisNamedQueryRequest.IsValidName(queryName) ? await grains.GetGrain<IEpcisNamedQueryGrain>(queryName).Get() : null;

    /// <summary>The body as JSON (at most 64 KiB), or the problem to answer.</summary>
    private static async Task<(JsonDocument? Body, EpcisProblem? Problem)> ReadBodyAsync(HttpContext http, Func<string, string?, EpcisProblem> problem)
    {
        using var memory = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await http.Request.Body.ReadAsync(chunk)) > 0)
        {
            if (memory.Length + n > MaxBodyBytes)
            {
                return (null, problem($"The body is larger than {MaxBodyBytes} bytes.", null) with { Status = StatusCodes.Status413PayloadTooLarge });
            }

            memory.Write(chunk, 0, n);
        }

        try
        {
            return (JsonDocument.Parse(memory.ToArray(), new JsonDocumentOptions { MaxDepth = 32 }), null);
        }
        catch (JsonException ex)
        {
            return (null, problem("The body is not JSON: " + ex.Message, null));
        }
    }

    private static (int Count, string? After)? Paging(int? perPage, string? token)
    {
        var count = perPage ?? EpcisQuery.DefaultPerPage;
        if (count is < 1 or > EpcisQuery.MaxPerPage)
        {
            return null;
        }

        if (token is null)
        {
            return (count, null);
        }

        return EpcisPageToken.DecodeAfter(ListingTag, token) is { } after ? (count, after) : null;
    }

    private static void AddNextLink(HttpContext http, string? nextAfter)
    {
        if (nextAfter is null)
        {
            return;
        }

        NextPageLink.Add(http, EpcisPageToken.EncodeAfter(ListingTag, nextAfter));
    }

    /// <summary>A QueryDefinition: a parameter given once as its one value (a list in pipe or comma syntax stays one string, as sent), else an array.</summary>
    private static Dictionary<string, object> QueryJson(EpcisNamedQuery q) => new()
    {
        ["name"] = q.Name,
        ["query"] = q.Parameters.ToDictionary(p => p.Name, p => p.Values.Count == 1 ? (object)p.Values[0] : p.Values),
    };

    private static Dictionary<string, object?> SubscriptionJson(EpcisSubscriptionView s)
    {
        var json = new Dictionary<string, object?>
        {
            ["subscriptionID"] = s.SubscriptionId,
            ["queryName"] = s.QueryName,
            ["dest"] = s.Dest,
            ["signed"] = s.Signed,
            ["initialRecordTime"] = Time(s.InitialRecordTime),
            ["createdAt"] = Time(s.CreatedAt),
        };
        if (s.Delivery.LastNotifiedAt is { } notified)
        {
            json["lastNotifiedAt"] = Time(notified);
        }

        if (s.Stream)
        {
            json["stream"] = true;
        }
        else
        {
            json["reportIfEmpty"] = s.ReportIfEmpty;
            json["schedule"] = new[] { ("second", s.Schedule!.Second), ("minute", s.Schedule.Minute), ("hour", s.Schedule.Hour), ("dayOfMonth", s.Schedule.DayOfMonth), ("month", s.Schedule.Month), ("dayOfWeek", s.Schedule.DayOfWeek) }
                .Where(f => f.Item2 is not null).ToDictionary(f => f.Item1, f => f.Item2);
        }

        var d = s.Delivery;
        json["delivery"] = new Dictionary<string, object?>
        {
            ["pendingCaptures"] = d.PendingCaptures,
            ["deliveredEvents"] = d.DeliveredEvents,
            ["deliveries"] = d.Deliveries,
            ["failedAttempts"] = d.FailedAttempts,
            ["consecutiveFailures"] = d.ConsecutiveFailures,
            ["lastAttemptAt"] = d.LastAttemptAt is { } a ? Time(a) : null,
            ["lastOutcome"] = d.LastOutcome,
            ["nextAttemptAt"] = d.NextAttemptAt is { } n ? Time(n) : null,
            ["nextScheduledAt"] = d.NextScheduledAt is { } next ? Time(next) : null,
        };
        return json;

        static string Time(Instant i) => InstantPattern.ExtendedIso.Format(i);
    }

    private static void AddVersionHeaders(HttpContext http)
    {
        http.Response.Headers["GS1-EPCIS-Version"] = EpcisApi.Version;
        http.Response.Headers["GS1-CBV-Version"] = EpcisApi.Version;
    }

    /// <summary>
    /// A WebSocket stream of a named query: the listener is registered with the live feed before the handshake completes,
    /// so every matching event stored after the client sees the connection open is sent (one EPCISQueryDocument per
    /// capture, as a text message), none stored before. Best effort: nothing is kept for a client that is not connected.
    /// </summary>
    private sealed class WebSocketStream(string queryName, EpcisQuery query, IGrainFactory grains, IClock clock) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var captured = Channel.CreateUnbounded<IReadOnlyList<string>>();
            var listener = new Listener(captured.Writer);
            var reference = grains.CreateObjectReference<IEpcisLiveListener>(listener);
            var feed = grains.GetGrain<IEpcisLiveFeedGrain>(0);
            await feed.Listen(reference);
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            var receiving = ReceiveUntilClosedAsync(socket, stop);
            try
            {
                using var refresh = new PeriodicTimer(TimeSpan.FromMinutes(1));
                var refreshing = RefreshAsync(feed, reference, refresh, stop.Token);
                await foreach (var ids in captured.Reader.ReadAllAsync(stop.Token))
                {
                    var wanted = ids.Where(id => query.EventIds.Count == 0 || query.EventIds.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
                    foreach (var chunk in wanted.Chunk(EpcisQuery.MaxPerPage))
                    {
                        var page = await grains.GetGrain<IEpcisQueryGrain>(0).Query(query.ForEvents(chunk));
                        if (page.Events.Count > 0)
                        {
                            var document = EpcisQueryDocumentWriter.Write(page.Events, page.Context, clock.GetCurrentInstant(), queryName);
                            await socket.SendAsync(document, WebSocketMessageType.Text, endOfMessage: true, stop.Token);
                        }
                    }
                }

                await refreshing;
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The client went away.
            }
            finally
            {
                await stop.CancelAsync();
                await feed.Stop(reference);
                grains.DeleteObjectReference<IEpcisLiveListener>(reference);
                await receiving;
            }
        }

        private static async Task RefreshAsync(IEpcisLiveFeedGrain feed, IEpcisLiveListener reference, PeriodicTimer timer, CancellationToken cancellationToken)
        {
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken))
                {
                    await feed.Listen(reference);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource stop)
        {
            var buffer = new byte[1024];
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var message = await socket.ReceiveAsync(buffer, stop.Token);
                    if (message.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
            }
            finally
            {
                await stop.CancelAsync();
            }
        }
    }

    private sealed class Listener(ChannelWriter<IReadOnlyList<string>> writer) : IEpcisLiveListener
    {
        public Task Captured(IReadOnlyList<string> eventIds)
        {
            writer.TryWrite(eventIds);
            return Task.CompletedTask;
        }
    }
}
