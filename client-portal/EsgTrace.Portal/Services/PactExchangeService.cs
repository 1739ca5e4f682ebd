using System.Text.Json;
using System.Text.Json.Nodes;
using EsgTrace.Domain;
using EsgTrace.Pact;
using EsgTrace.SupplyChain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace EsgTrace.Portal.Services;

/// <summary>What a partner's registration asks for (the secret in the clear, protected before it is stored).</summary>
public sealed record PactPartnerInput(string? Name, string? ApiKeyId, string? BaseUrl, string? TokenEndpoint, string? ClientId, string? ClientSecret, string? SupplierId);

/// <summary>A partner as shown: everything but the secret.</summary>
public sealed record PactPartnerSummary(string Id, string Name, string? ApiKeyId, string BaseUrl, string TokenEndpoint, string ClientId, string? SupplierId, Instant UpdatedAt, string UpdatedBy)
{
    public static PactPartnerSummary Of(PactPartner p) => new(p.Id, p.Name, p.ApiKeyId, p.BaseUrl, p.TokenEndpoint, p.ClientId, p.SupplierId, p.UpdatedAt, p.UpdatedBy);
}

/// <summary>
/// The PACT v3 exchange both ways: partners, requests received (answered at once when a matching active footprint
/// exists, else left for supply chain), our own requests to partners, the events partners send back, and the review of
/// the footprints they deliver. Every outgoing event is written to an outbox with the change that causes it; the
/// <see cref="PactExchangeWorker"/> delivers it.
/// </summary>
public sealed class PactExchangeService(IGrainFactory grains, PactService pact, IDataProtectionProvider protection, IOptions<PactOptions> options, IClock clock)
{
    private IPactDirectoryGrain Directory => grains.GetGrain<IPactDirectoryGrain>(0);

    public async Task<Outcome<PactPartnerSummary>> PutPartnerAsync(string id, PactPartnerInput input, string actor)
    {
        var errors = new Dictionary<string, string[]>();
        void Need(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = [$"{field} is required."];
            }
            else if (value.Length > max)
            {
                errors[field] = [$"{field} is at most {max} characters."];
            }
        }

        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors["id"] = ["A partner id is 1-64 letters, digits, '-', '_' or '.'."];
        }

        Need("name", input.Name, 200);
        Need("baseUrl", input.BaseUrl, 500);
        Need("clientId", input.ClientId, 200);
        var existing = errors.ContainsKey("id") ? null : await grains.GetGrain<IPactPartnerGrain>(id).Get();
        if (existing is null || input.ClientSecret is not null)
        {
            Need("clientSecret", input.ClientSecret, 500);
        }

        Url("baseUrl", input.BaseUrl, errors);
        var tokenEndpoint = string.IsNullOrWhiteSpace(input.TokenEndpoint) && input.BaseUrl is { } b ? b.TrimEnd('/') + "/auth/token" : input.TokenEndpoint;
        Url("tokenEndpoint", tokenEndpoint, errors);
        if (input.ApiKeyId is { } key && (key.Length != 16 || !key.All(char.IsAsciiHexDigitLower)))
        {
            errors["apiKeyId"] = ["The API key id is the 16 hex digits after 'esg_' of the key the partner calls us with."];
        }
        else if (input.ApiKeyId is { } known && await grains.GetGrain<EsgTrace.ApiKeys.IApiKeyGrain>(known).Get() is null)
        {
            errors["apiKeyId"] = [$"No API key {known} exists; create it under API keys first."];
        }

        if (errors.Count > 0)
        {
            return DomainProblem.Invalid(errors);
        }

        var secret = input.ClientSecret is not null ? PactPartnerClient.SecretProtector(protection).Protect(input.ClientSecret) : existing!.ProtectedClientSecret;
        var saved = await grains.GetGrain<IPactPartnerGrain>(id).Put(new PactPartner(id, input.Name!.Trim(), input.ApiKeyId, input.BaseUrl!.Trim(), tokenEndpoint!.Trim(), input.ClientId!.Trim(), secret,
            string.IsNullOrWhiteSpace(input.SupplierId) ? null : input.SupplierId.Trim(), clock.GetCurrentInstant(), actor));
        return saved.IsOk ? Outcome<PactPartnerSummary>.Ok(PactPartnerSummary.Of(saved.Value!)) : saved.Problem!;
    }

    private void Url(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (value is null || errors.ContainsKey(field))
        {
            return;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            errors[field] = [$"{field} must be an absolute http(s) URL without query, fragment or credentials."];
        }
        else if (options.Value.RequireHttps && uri.Scheme != "https")
        {
            errors[field] = [$"{field} must use https (Pact:RequireHttps is on)."];
        }
    }

    public async Task<IReadOnlyList<PactPartnerSummary>> PartnersAsync() => [.. (await Directory.Partners()).Select(PactPartnerSummary.Of)];

    /// <summary>The registered partner that calls with this API key, or null.</summary>
    public async Task<PactPartner?> PartnerOfKeyAsync(string? apiKeyId)
        => apiKeyId is not null && await Directory.PartnerByApiKey(apiKeyId) is { } id ? await grains.GetGrain<IPactPartnerGrain>(id).Get() : null;

    /// <summary>
    /// A partner's RequestCreated: recorded once (by partner and event id) and answered at once when active footprints
    /// meet its criteria (RequestFulfilled with them), or when it names no product of ours (RequestRejected, NotFound);
    /// a request for a product we hold without a publishable footprint waits for supply chain.
    /// </summary>
    public async Task<PactInboundRequestView> ReceiveRequestAsync(PactPartner partner, PactIncomingEvent e)
    {
        var grain = grains.GetGrain<IPactInboundRequestGrain>(PactIds.InboundKey(partner.Id, e.Id));
        if (await grain.Get() is { } known)
        {
            return known;
        }

        var criteria = PactFootprintCriteria.FromEventData(e.Data).Criteria!;
        var comment = e.Data.TryGetProperty("comment", out var c) ? c.GetString() : null;
        var now = clock.GetCurrentInstant();
        var request = new PactInboundRequest(string.Empty, partner.Id, e.Id, e.Source, e.Data.GetRawText(), comment, now);
        PactAnswer? automatic = null;
        var matches = criteria.ProductIds.Count == 0 && criteria.CompanyIds.Count == 0 && criteria.Classifications.Count == 0 ? [] : await pact.ActiveMatchingAsync(criteria);
        if (matches.Count > 0)
        {
            automatic = Fulfilment(e.Id, [.. matches.Select(m => m.GetRawText())], [.. matches.Select(m => m.GetProperty("id").GetString()!)], "system:pact-auto", now);
        }
        else if (!await pact.HoldsAnyAsync(criteria.ProductIds))
        {
            automatic = Rejection(e.Id, "NotFound", criteria.ProductIds.Count == 0
                ? "The request names no product (data.productId), so no footprint can be found for it."
                : $"No product of ours has the product id(s) {string.Join(", ", criteria.ProductIds)}.", "system:pact-auto", now);
        }

        var view = await grain.Receive(request, automatic);
        await SubscribeAsync(partner.Id, view.Answer);
        return view;
    }

    /// <summary>Supply chain fulfils a waiting request with footprints of ours (by id; each must be active).</summary>
    public async Task<Outcome<PactInboundRequestView>> FulfilAsync(string requestId, IReadOnlyList<string> footprintIds, string actor)
    {
        if (string.IsNullOrWhiteSpace(requestId) || await grains.GetGrain<IPactInboundRequestGrain>(requestId).Get() is not { } request)
        {
            return FactRules.NotRecorded("PACT request", requestId);
        }

        if (footprintIds.Count == 0)
        {
            return DomainProblem.Invalid("footprintIds", "Name at least one footprint (its PACT id) to fulfil the request with; otherwise reject it with a reason.");
        }

        var docs = new List<string>();
        foreach (var id in footprintIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (id is null || await pact.GetV3Async(id) is not { } doc)
            {
                return DomainProblem.Invalid("footprintIds", $"Footprint {id} is not one of ours.");
            }

            if (doc.GetProperty("status").GetString() != "Active")
            {
                return DomainProblem.Invalid("footprintIds", $"Footprint {id} is deprecated; send the active one.");
            }

            docs.Add(doc.GetRawText());
        }

        var answer = Fulfilment(request.Request.EventId, docs, [.. footprintIds], actor, clock.GetCurrentInstant());
        var outcome = await grains.GetGrain<IPactInboundRequestGrain>(requestId).Answer(answer);
        if (outcome.IsOk)
        {
            await SubscribeAsync(request.Request.PartnerId, answer);
        }

        return outcome;
    }

    /// <summary>Supply chain rejects a waiting request with a reason (sent as the RequestRejected event's error message).</summary>
    public async Task<Outcome<PactInboundRequestView>> RejectAsync(string requestId, string? code, string? reason, string actor)
    {
        if (string.IsNullOrWhiteSpace(requestId) || await grains.GetGrain<IPactInboundRequestGrain>(requestId).Get() is not { } request)
        {
            return FactRules.NotRecorded("PACT request", requestId);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            return DomainProblem.Invalid("reason", "Give the reason (1-500 characters); it is sent to the partner.");
        }

        code ??= "NotFound";
        if (!PactV3.ErrorCodes.Contains(code))
        {
            return DomainProblem.Invalid("code", $"The error code is one of {string.Join(", ", PactV3.ErrorCodes)}.");
        }

        return await grains.GetGrain<IPactInboundRequestGrain>(requestId).Answer(Rejection(request.Request.EventId, code, reason.Trim(), actor, clock.GetCurrentInstant()));
    }

    /// <summary>Requests a footprint from a partner for a lot: a RequestCreated event to its /3/events, owed from the moment the request is recorded.</summary>
    public async Task<Outcome<PactOutboundRequestView>> RequestAsync(string? partnerId, string? lotId, IReadOnlyList<string>? productIds, string? comment, string actor)
    {
        var errors = new Dictionary<string, string[]>();
        var partner = string.IsNullOrWhiteSpace(partnerId) ? null : await grains.GetGrain<IPactPartnerGrain>(partnerId).Get();
        if (partner is null)
        {
            errors["partnerId"] = [partnerId is null ? "Name the partner to ask." : $"No partner '{partnerId}' is registered."];
        }

        if (productIds is null || productIds.Count == 0 || productIds.Count > 20 || productIds.Any(p => p is null || p.Length > 200 || p.Any(char.IsControl) || !p.StartsWith("urn:", StringComparison.OrdinalIgnoreCase)))
        {
            errors["productIds"] = ["Name 1-20 product ids of the partner's product, as URNs (e.g. urn:gtin:4012345000009)."];
        }

        if (comment is { Length: > 500 })
        {
            errors["comment"] = ["At most 500 characters."];
        }

        if (lotId is not null && (string.IsNullOrWhiteSpace(lotId) || await grains.GetGrain<IMaterialLotGrain>(lotId).Get() is null))
        {
            errors["lotId"] = [$"Lot '{lotId}' is not recorded."];
        }

        if (errors.Count > 0)
        {
            return DomainProblem.Invalid(errors);
        }

        var id = Guid.NewGuid().ToString("D");
        var now = clock.GetCurrentInstant();
        var criteria = new JsonObject { ["productId"] = new JsonArray([.. productIds!.Select(p => (JsonNode)p!)]) };
        var json = PactEventJson.RequestCreated(id, pact.EventSource, now, criteria, comment);
        var view = await grains.GetGrain<IPactOutboundRequestGrain>(id).Create(new PactOutboundRequest(id, partner!.Id, partner.SupplierId, lotId, [.. productIds!], comment, now, actor), json);
        return Outcome<PactOutboundRequestView>.Ok(view);
    }

    /// <summary>A partner's RequestFulfilled, RequestRejected or Published event: null when taken, else (code, message) of the PACT error.</summary>
    public async Task<(string Code, string Message)?> ReceiveAnswerAsync(PactPartner partner, PactIncomingEvent e)
    {
        var data = e.Data;
        switch (e.Type)
        {
            case PactV3.RequestFulfilled or PactV3.RequestRejected:
                var requestId = data.GetProperty("requestEventId").GetString()!;
                if (!Guid.TryParseExact(requestId, "D", out _) || await grains.GetGrain<IPactOutboundRequestGrain>(requestId.ToLowerInvariant()).Get() is null)
                {
                    return ("BadRequest", $"No footprint request of ours has the event id '{requestId}'.");
                }

                var grain = grains.GetGrain<IPactOutboundRequestGrain>(requestId.ToLowerInvariant());
                var outcome = e.Type == PactV3.RequestFulfilled
                    ? await grain.Fulfilled(partner.Id, e.Id, PactEventReader.FulfilledIds(data))
                    : await grain.Rejected(partner.Id, e.Id, data.GetProperty("error").GetProperty("code").GetString()!, data.GetProperty("error").GetProperty("message").GetString()!);
                return outcome.IsOk ? null : (outcome.Problem!.Kind == ProblemKind.Forbidden ? "AccessDenied" : "BadRequest", outcome.Problem.Detail);
            default:
                // Published: each footprint named by a UUID is fetched; a newer version of one we accepted is offered for its lot again.
                foreach (var id in data.GetProperty("pfIds").EnumerateArray().Select(i => i.GetString()!).Where(i => Guid.TryParseExact(i, "D", out _)))
                {
                    await grains.GetGrain<IPactReceivedFootprintGrain>(PactIds.ReceivedKey(partner.Id, id)).Expect(partner.Id, id.ToLowerInvariant(), null, null);
                }

                return null;
        }
    }

    /// <summary>Supply chain accepts a received footprint: it becomes the lot's primary factor (a lot correction naming the document and its SHA-256).</summary>
    public async Task<Outcome<PactReceivedFootprintView>> AcceptAsync(string partnerId, string footprintId, string? lotId, string actor)
    {
        if (string.IsNullOrWhiteSpace(partnerId) || string.IsNullOrWhiteSpace(footprintId))
        {
            return FactRules.NotRecorded("received footprint", footprintId);
        }

        var grain = grains.GetGrain<IPactReceivedFootprintGrain>(PactIds.ReceivedKey(partnerId, footprintId));
        if (await grain.Get() is not { } offer)
        {
            return FactRules.NotRecorded("received footprint", footprintId);
        }

        if (offer.Status != PactOfferStatus.Offered || offer.Document is null)
        {
            return new DomainProblem(ProblemKind.Conflict, "Not open for review.", $"Footprint {footprintId} is {offer.Status.ToString().ToLowerInvariant()}; only an offered footprint can be accepted.");
        }

        var lot = string.IsNullOrWhiteSpace(lotId) ? offer.LotId : lotId;
        if (lot is null)
        {
            return DomainProblem.Invalid("lotId", "Name the lot this footprint is the factor of.");
        }

        var partner = await grains.GetGrain<IPactPartnerGrain>(partnerId).Get();
        using var doc = JsonDocument.Parse(offer.Document);
        var imported = await pact.ImportAsync(lot, doc.RootElement, System.Text.Encoding.UTF8.GetBytes(offer.Document), actor, $"PACT partner {partner?.Name ?? partnerId} ({partnerId})");
        if (!imported.IsOk)
        {
            return imported.Problem!;
        }

        return await grain.Accept(lot, actor);
    }

    public async Task<Outcome<PactReceivedFootprintView>> DeclineAsync(string partnerId, string footprintId, string? reason, string actor)
        => string.IsNullOrWhiteSpace(partnerId) || string.IsNullOrWhiteSpace(footprintId) ? FactRules.NotRecorded("received footprint", footprintId)
            : string.IsNullOrWhiteSpace(reason) || reason.Length > 500
            ? DomainProblem.Invalid("reason", "Give the reason (1-500 characters).")
            : await grains.GetGrain<IPactReceivedFootprintGrain>(PactIds.ReceivedKey(partnerId, footprintId)).Decline(reason.Trim(), actor);

    public Task<Page<PactInboundRequestView>> InboundAsync(string? after, int pageSize) => Directory.InboundRequests(after, pageSize);

    public Task<Page<PactOutboundRequestView>> OutboundAsync(string? after, int pageSize) => Directory.OutboundRequests(null, after, pageSize);

    public Task<Page<PactReceivedFootprintView>> ReceivedAsync(string? after, int pageSize) => Directory.ReceivedFootprints(after, pageSize);

    public Task<Page<PactDeliveryRow>> DeliveriesAsync(string? after, int pageSize) => Directory.Deliveries(after, pageSize);

    private PactAnswer Fulfilment(string requestEventId, IReadOnlyList<string> documents, IReadOnlyList<string> ids, string actor, Instant now)
    {
        var eventId = Guid.NewGuid().ToString("D");
        return new PactAnswer(PactRequestStatus.Fulfilled, eventId, PactEventJson.Fulfilled(eventId, pact.EventSource, now, requestEventId, documents), ids, null, null, actor, now);
    }

    private PactAnswer Rejection(string requestEventId, string code, string message, string actor, Instant now)
    {
        var eventId = Guid.NewGuid().ToString("D");
        return new PactAnswer(PactRequestStatus.Rejected, eventId, PactEventJson.Rejected(eventId, pact.EventSource, now, requestEventId, code, message), [], code, message, actor, now);
    }

    /// <summary>A partner sent footprints of a product is told of newer ones (PublishedEvent).</summary>
    private async Task SubscribeAsync(string partnerId, PactAnswer? answer)
    {
        if (answer is not { Status: PactRequestStatus.Fulfilled })
        {
            return;
        }

        foreach (var id in answer.FootprintIds)
        {
            if (await pact.ProductOfAsync(id) is { } product)
            {
                await grains.GetGrain<IPactFootprintGrain>(product).Subscribe(partnerId);
            }
        }
    }
}
