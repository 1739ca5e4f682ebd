using System.Security.Claims;
using System.Text.Json;
using EsgTrace.Pact;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using Microsoft.Extensions.Options;

namespace EsgTrace.Portal.Api;

/// <summary>
/// PACT Technical Specifications v3.0 host: ListFootprints with the v3 filters and Link rel="next" paging,
/// GetFootprint, Action Events (RequestCreated answered by callback, RequestFulfilled/Rejected and Published taken from
/// partners), and the OpenID Connect discovery document naming /auth/token. Errors are the PACT body {"code", "message"}.
/// </summary>
public static class PactV3Api
{
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapPactV3Api(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/openid-configuration", Discovery).AllowAnonymous().WithTags("PACT").WithName("PactOpenIdConfiguration")
            .AddEndpointFilter<PactHttpsFilter>()
            .WithSummary("OpenID Connect discovery: the issuer and its token endpoint (/auth/token, client credentials with client_secret_basic).");
        var v3 = app.MapGroup("/3").RequireAuthorization(Policies.FiguresRead).WithTags("PACT").AddEndpointFilter<PactHttpsFilter>();
        v3.MapGet("/footprints", List).WithName("PactV3ListFootprints")
            .WithSummary("ProductFootprints (v3.0): filters productId, companyId, geography, classification (repeatable; OR within, AND across), validOn, validAfter, validBefore, status; limit and an absolute Link rel=\"next\".");
        v3.MapGet("/footprints/{id}", Get).WithName("PactV3GetFootprint").WithSummary("One ProductFootprint (v3.0) by its id; a deprecated one stays readable.");
        v3.MapPost("/events", Events).WithName("PactV3Events").Accepts<JsonElement>(PactV3.CloudEventsMediaType, "application/json")
            .WithSummary("CloudEvents of PACT v3: RequestCreatedEvent (answered by a RequestFulfilledEvent or RequestRejectedEvent to the partner's /3/events), RequestFulfilledEvent, RequestRejectedEvent, PublishedEvent. Only registered partners.");
        return app;
    }

    private static IResult Discovery(PublicAddress address)
    {
        var issuer = address.BaseUrl.AbsoluteUri.TrimEnd('/');
        // Access tokens are opaque (no ID tokens, no JWKS): the document names what a PACT client needs, the token endpoint.
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["token_endpoint"] = issuer + "/auth/token",
            ["grant_types_supported"] = new[] { "client_credentials" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic" },
            ["response_types_supported"] = new[] { "token" },
            ["scopes_supported"] = new[] { "footprint:list", "footprint:read" },
        });
    }

    private static async Task<IResult> List(HttpContext http, PactService pact, PublicAddress address)
    {
        var query = http.Request.Query;
        int? limit = null;
        if (query.TryGetValue("limit", out var l))
        {
            if (l.Count != 1 || !int.TryParse(l[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return Error(StatusCodes.Status400BadRequest, "BadRequest", "'limit' must be a positive whole number.");
            }

            limit = n;
        }

        var (criteria, problem) = PactFootprintCriteria.FromQuery(query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToArray())));
        if (criteria is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadRequest", problem!);
        }

        var take = Math.Min(limit ?? MaxLimit, MaxLimit);
        var after = query.TryGetValue("after", out var a) ? a.ToString() : null;
        var (items, next) = await pact.ListV3Async(criteria, after, take);
        if (next is not null)
        {
            // Absolute, from the public address (never the request's Host, which any client may set); filters kept.
            var parameters = criteria.ToQuery().Append(new("limit", take.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(new("after", next));
            var url = address.BaseUrl.AbsoluteUri.TrimEnd('/') + "/3/footprints?" + string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            http.Response.Headers.Link = $"<{url}>; rel=\"next\"";
        }

        return TypedResults.Json(new { data = items });
    }

    private static async Task<IResult> Get(string id, PactService pact)
        => await pact.GetV3Async(id) is { } doc
            ? TypedResults.Json(new { data = doc })
            : Error(StatusCodes.Status404NotFound, "NotFound", $"Footprint with ID '{id}' does not exist");

    private static async Task<IResult> Events(HttpContext http, ClaimsPrincipal user, PactExchangeService exchange, PactExchangeWorker worker)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "BadRequest", "The body is not a CloudEvents JSON document.");
        }

        var (e, code, problem) = PactEventReader.Read(body);
        if (e is null)
        {
            return Error(StatusCodes.Status400BadRequest, code!, problem!);
        }

        if (await exchange.PartnerOfKeyAsync(user.FindFirstValue(PrincipalFactory.ApiKeyIdClaim)) is not { } partner)
        {
            // Without a registration there is no host to answer to, nor to fetch from.
            return Error(StatusCodes.Status403Forbidden, "AccessDenied", "This client is not a registered PACT partner (admin → PACT partners), so its events cannot be answered.");
        }

        if (e.Type == PactV3.RequestCreated)
        {
            await exchange.ReceiveRequestAsync(partner, e);
        }
        else if (await exchange.ReceiveAnswerAsync(partner, e) is { } refused)
        {
            return Error(refused.Code == "AccessDenied" ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, refused.Code, refused.Message);
        }

        worker.Poke();
        return TypedResults.Ok();
    }

    public static IResult Error(int status, string code, string message) => TypedResults.Json(new { code, message }, statusCode: status);
}

/// <summary>With <c>Pact:RequireHttps</c>, a PACT endpoint reached over plain HTTP answers 403 AccessDenied and nothing else (no token, no data).</summary>
public sealed class PactHttpsFilter(IOptions<PactOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        => options.Value.RequireHttps && !context.HttpContext.Request.IsHttps
            ? PactV3Api.Error(StatusCodes.Status403Forbidden, "AccessDenied", "PACT is served over HTTPS only (Pact:RequireHttps); this request came over plain HTTP.")
            : await next(context);
}
