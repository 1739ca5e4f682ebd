using System.Security.Claims;
using EsgTrace.Pact;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EsgTrace.Portal.Api;

/// <summary>Body of a fulfilment: the ids of our footprints to send.</summary>
public sealed record PactFulfilInput(IReadOnlyList<string>? FootprintIds);

/// <summary>Body of a rejection: the v3 error code (default NotFound) and the reason sent to the partner.</summary>
public sealed record PactRejectInput(string? Code, string? Reason);

/// <summary>Body of a footprint request to a partner.</summary>
public sealed record PactRequestInput(string? PartnerId, string? LotId, IReadOnlyList<string>? ProductIds, string? Comment);

/// <summary>Body of an acceptance: the lot (defaults to the one the footprint was requested for).</summary>
public sealed record PactAcceptInput(string? LotId);

/// <summary>Body of a decline.</summary>
public sealed record PactDeclineInput(string? Reason);

/// <summary>The PACT partner registry (admin) and the exchange's work for supply chain: requests received and made, received footprints, deliveries.</summary>
public static class PactExchangeApi
{
    public static IEndpointRouteBuilder MapPactExchangeApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(Policies.Admin).WithTags("PACT exchange");
        admin.MapGet("/pact-partners", ListPartners).WithName("ListPactPartners").WithSummary("Registered PACT partners (without their client secrets).");
        admin.MapPut("/pact-partners/{id}", PutPartner).WithName("PutPactPartner")
            .WithSummary("Registers or replaces a partner: the API key it calls us with, its host base URL, token endpoint (default <baseUrl>/auth/token) and the client credentials we call it with (the secret is stored encrypted; leave it out to keep the stored one).");

        var read = app.MapGroup("/api/pact").RequireAuthorization(Policies.PactExchange).WithTags("PACT exchange");
        read.MapGet("/deliveries", Deliveries).WithName("ListPactDeliveries").WithSummary("Every outgoing PACT event and footprint fetch, newest first, with its delivery status (attempts, last outcome, next attempt).");
        read.MapGet("/inbound-requests", Inbound).WithName("ListPactInboundRequests").WithSummary("Footprint requests partners sent us, newest first, with their answer.");
        read.MapGet("/requests", Outbound).WithName("ListPactRequests").WithSummary("Footprint requests we sent partners, newest first.");
        read.MapGet("/received", Received).WithName("ListPactReceivedFootprints").WithSummary("Footprints partners delivered: fetched, checked, offered for review, accepted or declined.");

        var write = app.MapGroup("/api/pact").RequireAuthorization(Policies.SupplyChainWrite).WithTags("PACT exchange");
        write.MapPost("/inbound-requests/{id}/fulfil", Fulfil).WithName("FulfilPactRequest").WithSummary("Answers a waiting request with active footprints of ours (RequestFulfilledEvent to the partner).");
        write.MapPost("/inbound-requests/{id}/reject", Reject).WithName("RejectPactRequest").WithSummary("Rejects a waiting request with a reason (RequestRejectedEvent to the partner).");
        write.MapPost("/requests", Request).WithName("RequestPactFootprint").WithSummary("Requests a footprint from a partner for a lot (RequestCreatedEvent to its /3/events).");
        write.MapPost("/received/{partnerId}/{footprintId}/accept", Accept).WithName("AcceptPactFootprint").WithSummary("Accepts a received footprint: it becomes the lot's primary emission factor.");
        write.MapPost("/received/{partnerId}/{footprintId}/decline", Decline).WithName("DeclinePactFootprint").WithSummary("Declines a received footprint with a reason.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<PactPartnerSummary>>> ListPartners(PactExchangeService exchange) => TypedResults.Ok(await exchange.PartnersAsync());

    private static async Task<Results<Ok<PactPartnerSummary>, ProblemHttpResult>> PutPartner(string id, PactPartnerInput input, ClaimsPrincipal user, PactExchangeService exchange)
        => ProblemResults.Reply(await exchange.PutPartnerAsync(id, input, user.Actor()));

    private static async Task<Ok<Page<PactDeliveryRow>>> Deliveries(string? after, int? pageSize, PactExchangeService exchange) => TypedResults.Ok(await exchange.DeliveriesAsync(after, pageSize ?? 50));

    private static async Task<Ok<Page<PactInboundRequestView>>> Inbound(string? after, int? pageSize, PactExchangeService exchange) => TypedResults.Ok(await exchange.InboundAsync(after, pageSize ?? 50));

    private static async Task<Ok<Page<PactOutboundRequestView>>> Outbound(string? after, int? pageSize, PactExchangeService exchange) => TypedResults.Ok(await exchange.OutboundAsync(after, pageSize ?? 50));

    private static async Task<Ok<Page<PactReceivedFootprintView>>> Received(string? after, int? pageSize, PactExchangeService exchange) => TypedResults.Ok(await exchange.ReceivedAsync(after, pageSize ?? 50));

    private static async Task<Results<Ok<PactInboundRequestView>, ProblemHttpResult>> Fulfil(string id, PactFulfilInput input, ClaimsPrincipal user, PactExchangeService exchange, PactExchangeWorker worker)
        => Poked(worker, await exchange.FulfilAsync(id, input.FootprintIds ?? [], user.Actor()));

    private static async Task<Results<Ok<PactInboundRequestView>, ProblemHttpResult>> Reject(string id, PactRejectInput input, ClaimsPrincipal user, PactExchangeService exchange, PactExchangeWorker worker)
        => Poked(worker, await exchange.RejectAsync(id, input.Code, input.Reason, user.Actor()));

    private static async Task<Results<Ok<PactOutboundRequestView>, ProblemHttpResult>> Request(PactRequestInput input, ClaimsPrincipal user, PactExchangeService exchange, PactExchangeWorker worker)
        => Poked(worker, await exchange.RequestAsync(input.PartnerId, input.LotId, input.ProductIds, input.Comment, user.Actor()));

    private static async Task<Results<Ok<PactReceivedFootprintView>, ProblemHttpResult>> Accept(string partnerId, string footprintId, PactAcceptInput input, ClaimsPrincipal user, PactExchangeService exchange)
        => ProblemResults.Reply(await exchange.AcceptAsync(partnerId, footprintId, input.LotId, user.Actor()));

    private static async Task<Results<Ok<PactReceivedFootprintView>, ProblemHttpResult>> Decline(string partnerId, string footprintId, PactDeclineInput input, ClaimsPrincipal user, PactExchangeService exchange)
        => ProblemResults.Reply(await exchange.DeclineAsync(partnerId, footprintId, input.Reason, user.Actor()));

    private static Results<Ok<T>, ProblemHttpResult> Poked<T>(PactExchangeWorker worker, Outcome<T> outcome)
    {
        if (outcome.IsOk)
        {
            worker.Poke();
        }

        return ProblemResults.Reply(outcome);
    }
}
