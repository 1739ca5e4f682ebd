using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using EsgTrace.ApiKeys;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using EsgTrace.SupplyChain;
using Microsoft.AspNetCore.DataProtection;

namespace EsgTrace.Portal.Api;

/// <summary>
/// PACT (WBCSD Partnership for Carbon Transparency) data exchange, Technical Specifications v2.3 (deprecated: the v2
/// line ended on 1 April 2026; kept for existing partners, marked deprecated in the OpenAPI document): token, footprint
/// list and footprint by id, events; plus importing a supplier's footprint as a lot's primary data. v3.0 is
/// <see cref="PactV3Api"/>.
/// </summary>
public static class PactApi
{
    public const int MaxLimit = 100;
    private const string Published = "org.wbcsd.pathfinder.ProductFootprint.Published.v1";
    private const string RequestCreated = "org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1";

    public static IEndpointRouteBuilder MapPactApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/token", Token).AllowAnonymous().WithTags("PACT").WithName("PactToken").Accepts<IFormCollection>("application/x-www-form-urlencoded").AddEndpointFilter<PactHttpsFilter>()
            .WithSummary("OAuth2 client credentials: Basic auth with client id = API key id, client secret = the API key; form grant_type=client_credentials.");
        var pact = app.MapGroup("/2").RequireAuthorization(Policies.FiguresRead).WithTags("PACT").AddEndpointFilter<PactHttpsFilter>()
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Deprecated = true;
                return Task.CompletedTask;
            });
        pact.MapGet("/footprints", List).WithName("PactListFootprints").WithSummary("Current ProductFootprints (v2.3), newest version of each; limit and Link rel=\"next\" paging.");
        pact.MapGet("/footprints/{id}", Get).WithName("PactGetFootprint").WithSummary("One ProductFootprint by its id (Deprecated once superseded).");
        pact.MapPost("/events", Events).WithName("PactEvents").Accepts<JsonElement>("application/cloudevents+json", "application/json").WithSummary("CloudEvents: ProductFootprint.Published.v1 and ProductFootprintRequest.Created.v1 are accepted and recorded in the audit trail.");
        app.MapPost("/api/lots/{id}/pact-footprint", Import).RequireAuthorization(Policies.SupplyChainWrite).WithTags("PACT").WithName("ImportPactFootprint").Accepts<JsonElement>("application/json")
            .WithSummary("Import a supplier's PACT ProductFootprint (v3.0, or v2.3 declared per kilogram) as the lot's primary emission factor; the document is kept as evidence.");
        app.MapPactV3Api();
        app.MapPactExchangeApi();
        return app;
    }

    private static async Task<IResult> Token(HttpContext http, IGrainFactory grains, IDataProtectionProvider protection)
    {
        if (!http.Request.HasFormContentType)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "Send grant_type=client_credentials as application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A malformed multipart or form body is the client's fault, not a storage outage.
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "The form body could not be read: " + e.Message);
        }

        if (form["grant_type"] != "client_credentials")
        {
            return OAuthError(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
        }

        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header) || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed");
        }

        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
        }
        catch (FormatException)
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed");
        }

        if (parts.Length != 2 || !ApiKeyToken.TryParse(Uri.UnescapeDataString(parts[1]), out var token) || token.KeyId != Uri.UnescapeDataString(parts[0])
            || await grains.GetGrain<IApiKeyGrain>(token.KeyId).Authenticate(token.Secret) is null)
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed");
        }

        http.Response.Headers.CacheControl = "no-store";
        var access = PactTokenHandler.Protector(protection).Protect(token.KeyId, PactTokenHandler.Lifetime);
        return TypedResults.Ok(new { access_token = access, token_type = "Bearer", expires_in = (int)PactTokenHandler.Lifetime.TotalSeconds });
    }

    private static async Task<IResult> List(int? limit, string? after, HttpContext http, PactService pact, PublicAddress address)
    {
        if (limit is < 1)
        {
            return PactError(StatusCodes.Status400BadRequest, "BadRequest", "'limit' must be 1 or more.");
        }

        var (items, next) = await pact.ListAsync(after, Math.Min(limit ?? MaxLimit, MaxLimit));
        if (next is not null)
        {
            // The public address, never the request's Host (which any client may set, and which would then be echoed).
            var url = $"{address.BaseUrl.AbsoluteUri.TrimEnd('/')}/2/footprints?limit={Math.Min(limit ?? MaxLimit, MaxLimit)}&after={Uri.EscapeDataString(next)}";
            http.Response.Headers.Link = $"<{url}>; rel=\"next\"";
        }

        return TypedResults.Ok(new { data = items });
    }

    private static async Task<IResult> Get(string id, PactService pact)
        => await pact.GetAsync(id) is { } doc
            ? TypedResults.Ok(new { data = doc })
            : PactError(StatusCodes.Status404NotFound, "NoSuchFootprint", $"Footprint with ID '{id}' does not exist");

    private static async Task<IResult> Events(HttpContext http, ClaimsPrincipal user, IGrainFactory grains, NodaTime.IClock clock)
    {
        JsonElement e;
        try
        {
            e = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
        }
        catch (JsonException)
        {
            return PactError(StatusCodes.Status400BadRequest, "BadRequest", "The body is not a CloudEvents JSON document.");
        }

        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("specversion", out _) || !e.TryGetProperty("id", out _) || !e.TryGetProperty("source", out _)
            || !e.TryGetProperty("type", out var type) || !e.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return PactError(StatusCodes.Status400BadRequest, "BadRequest", "A CloudEvent needs specversion, id, source, type and a data object.");
        }

        string detail;
        switch (type.GetString())
        {
            case Published:
                if (!data.TryGetProperty("pfIds", out var ids) || ids.ValueKind != JsonValueKind.Array || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String || !Guid.TryParseExact(i.GetString(), "D", out _)))
                {
                    return PactError(StatusCodes.Status400BadRequest, "BadRequest", "data.pfIds must list ProductFootprint ids (UUIDs).");
                }

                detail = $"partner published {string.Join(", ", ids.EnumerateArray().Select(i => i.GetString()))}";
                break;
            case RequestCreated:
                var productIds = data.TryGetProperty("pf", out var pf) && pf.TryGetProperty("productIds", out var p) && p.ValueKind == JsonValueKind.Array
                    ? p.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()
                    : [];
                if (productIds.Count == 0)
                {
                    return PactError(StatusCodes.Status400BadRequest, "BadRequest", "data.pf.productIds must name the products (URNs) whose footprints are requested.");
                }

                var known = new List<string>();
                // Only a GTIN (at most 14 digits) is looked up: anything else names no product of ours.
                foreach (var urn in productIds.Where(u => u.StartsWith("urn:gtin:", StringComparison.Ordinal) && u.Length is > 9 and <= 23 && u[9..].All(char.IsAsciiDigit)))
                {
                    if (await grains.GetGrain<ISupplyChainDirectoryGrain>(0).Find(SupplyChainLists.ProductsByGtin, SupplyChainLists.Gtin14(urn[9..])!) is { } product)
                    {
                        known.Add(product);
                    }
                }

                detail = known.Count > 0 ? $"request for {string.Join(", ", productIds)}: fulfilled by products {string.Join(", ", known)} (served at /2/footprints)" : $"request for {string.Join(", ", productIds)}: rejected, no such product";
                break;
            default:
                return PactError(StatusCodes.Status400BadRequest, "NotImplemented", $"Event type '{type.GetString()}' is not supported.");
        }

        await grains.GetGrain<EsgTrace.Accounts.IDirectoryGrain>(0).RecordAudit(new EsgTrace.Audit.AuditRecord(clock.GetCurrentInstant(), user.Actor(), "pact.event-received", "pact-event:" + e.GetProperty("id").GetString(), detail));
        return TypedResults.Ok();
    }

    private static async Task<IResult> Import(string id, HttpContext http, ClaimsPrincipal user, PactService pact)
    {
        using var memory = new MemoryStream();
        await http.Request.Body.CopyToAsync(memory);
        JsonElement pf;
        try
        {
            pf = JsonDocument.Parse(memory.ToArray()).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return ProblemResults.Invalid("productFootprint", $"The body is not JSON: {ex.Message}");
        }

        // A PACT API answer ({"data": {...}}) is accepted as it comes.
        if (pf.ValueKind == JsonValueKind.Object && pf.TryGetProperty("data", out var inner) && inner.ValueKind == JsonValueKind.Object)
        {
            pf = inner;
        }

        var outcome = await pact.ImportAsync(id, pf, memory.ToArray(), user.Actor());
        return outcome.IsOk ? TypedResults.Ok(outcome.Value) : outcome.Problem!.ToProblem();
    }

    private static IResult OAuthError(int status, string error, string description)
        => TypedResults.Json(new { error, error_description = description }, statusCode: status);

    private static IResult PactError(int status, string code, string message) => TypedResults.Json(new { code, message }, statusCode: status);
}
