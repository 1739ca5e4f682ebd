using NodaTime;

namespace EsgTrace.Pact;

public enum PactRequestStatus
{
    /// <summary>Received, no answer yet: waiting for a person (supply chain fulfils or rejects it).</summary>
    Waiting,
    Fulfilled,
    Rejected,
}

/// <summary>A RequestCreated event a partner sent us (key: partner and event id, so a repeat is the same request).</summary>
[GenerateSerializer, Immutable, Alias("esg.pact-inbound-request")]
public sealed record PactInboundRequest(string Id, string PartnerId, string EventId, string Source, string DataJson, string? Comment, Instant ReceivedAt);

/// <summary>Our answer to a request: the event sent back (Fulfilled with the footprints, or Rejected with an error), who gave it and when.</summary>
[GenerateSerializer, Immutable, Alias("esg.pact-answer")]
public sealed record PactAnswer(PactRequestStatus Status, string EventId, string EventJson, IReadOnlyList<string> FootprintIds, string? ErrorCode, string? Reason, string Actor, Instant At);

[GenerateSerializer, Immutable, Alias("esg.pact-inbound-request-view")]
public sealed record PactInboundRequestView(PactInboundRequest Request, PactRequestStatus Status, PactAnswer? Answer, IReadOnlyList<PactWorkItem> Work);

/// <summary>
/// A footprint request received from a partner (key = <see cref="PactIds.InboundKey"/>). The answer and its outgoing
/// event are one state write: the answer cannot be recorded without the event being owed, nor the event sent twice
/// with different ids.
/// </summary>
[Alias("esg.IPactInboundRequestGrain")]
public interface IPactInboundRequestGrain : IPactWorkHolderGrain
{
    /// <summary>Records the request (once; a repeat returns what stands), answered at once when <paramref name="automatic"/> is given.</summary>
    [Alias("Receive")]
    Task<PactInboundRequestView> Receive(PactInboundRequest request, PactAnswer? automatic);

    /// <summary>A person's answer (Fulfilled or Rejected); refused when the request is unknown or already answered.</summary>
    [Alias("Answer")]
    Task<Outcome<PactInboundRequestView>> Answer(PactAnswer answer);

    [Alias("Get")]
    Task<PactInboundRequestView?> Get();
}

public enum PactOutboundStatus
{
    /// <summary>Sent (or being delivered) to the partner; no answer yet.</summary>
    Requested,

    /// <summary>Addressed to a supplier without a PACT host: its own users answer in the supplier portal.</summary>
    WaitingForSupplier,
    Fulfilled,
    Rejected,
}

/// <summary>A footprint request we make (key = its RequestCreated event id, a UUID): to a partner's host, or to a supplier's users.</summary>
[GenerateSerializer, Immutable, Alias("esg.pact-outbound-request")]
public sealed record PactOutboundRequest(string EventId, string? PartnerId, string? SupplierId, string? LotId, IReadOnlyList<string> ProductIds, string? Comment, Instant CreatedAt, string CreatedBy);

[GenerateSerializer, Immutable, Alias("esg.pact-outbound-request-view")]
public sealed record PactOutboundRequestView(
    PactOutboundRequest Request,
    PactOutboundStatus Status,
    IReadOnlyList<string> FootprintIds,
    string? RejectionCode,
    string? RejectionMessage,
    Instant? AnsweredAt,
    IReadOnlyList<PactWorkItem> Work);

/// <summary>A footprint request we made. Its RequestCreated event is in its outbox from the moment it is created.</summary>
[Alias("esg.IPactOutboundRequestGrain")]
public interface IPactOutboundRequestGrain : IPactWorkHolderGrain
{
    /// <summary>Records the request and, when it goes to a partner, owes it <paramref name="eventJson"/> (once; a repeat returns what stands).</summary>
    [Alias("Create")]
    Task<PactOutboundRequestView> Create(PactOutboundRequest request, string? eventJson);

    /// <summary>The partner's RequestFulfilled (event id for idempotence): each footprint named is fetched from its host and offered for review.</summary>
    [Alias("Fulfilled")]
    Task<Outcome<PactOutboundRequestView>> Fulfilled(string partnerId, string eventId, IReadOnlyList<string> footprintIds);

    /// <summary>The partner's RequestRejected with its error.</summary>
    [Alias("Rejected")]
    Task<Outcome<PactOutboundRequestView>> Rejected(string partnerId, string eventId, string code, string message);

    /// <summary>A supplier's own answer (supplier portal): a PACT v3 ProductFootprint document, offered for review like a fetched one.</summary>
    [Alias("AnswerBySupplier")]
    Task<Outcome<PactReceivedFootprintView>> AnswerBySupplier(string footprintJson, string actor);

    [Alias("Get")]
    Task<PactOutboundRequestView?> Get();
}

public enum PactOfferStatus
{
    /// <summary>Named by the partner; its document is being fetched from the partner's host.</summary>
    Fetching,

    /// <summary>Fetched and valid: waiting for supply chain to accept or decline it.</summary>
    Offered,

    /// <summary>Fetched but breaking the v3 rules (see the problems); cannot be accepted.</summary>
    Invalid,
    Accepted,
    Declined,
}

/// <summary>A partner's footprint as received: where it came from, its document and SHA-256, its checks, and the review decision.</summary>
[GenerateSerializer, Immutable, Alias("esg.pact-received-footprint-view")]
public sealed record PactReceivedFootprintView(
    string PartnerId,
    string FootprintId,
    string? LotId,
    string? RequestEventId,
    PactOfferStatus Status,
    string? Document,
    string? Sha256,
    IReadOnlyList<string> Problems,
    string? Supersedes,
    string? DecidedBy,
    string? Reason,
    Instant UpdatedAt,
    IReadOnlyList<PactWorkItem> Work);

/// <summary>A footprint received from a partner (key = <see cref="PactIds.ReceivedKey"/>), fetched, checked and offered for review.</summary>
[Alias("esg.IPactReceivedFootprintGrain")]
public interface IPactReceivedFootprintGrain : IPactWorkHolderGrain
{
    /// <summary>
    /// The partner named this footprint (a Fulfilled or Published event): fetch it (once). <paramref name="lotId"/> is the
    /// lot it was requested for; without one, a footprint whose precedingPfIds name an accepted one is offered for that lot.
    /// </summary>
    [Alias("Expect")]
    Task<PactReceivedFootprintView> Expect(string partnerId, string footprintId, string? lotId, string? requestEventId);

    /// <summary>A document that arrived without a fetch (a supplier's upload), checked and offered at once.</summary>
    [Alias("Offer")]
    Task<PactReceivedFootprintView> Offer(string partnerId, string footprintId, string? lotId, string? requestEventId, string document);

    [Alias("Get")]
    Task<PactReceivedFootprintView?> Get();

    /// <summary>Supply chain accepted it as <paramref name="lotId"/>'s primary factor (the lot correction is made first, by the caller).</summary>
    [Alias("Accept")]
    Task<Outcome<PactReceivedFootprintView>> Accept(string lotId, string actor);

    [Alias("Decline")]
    Task<Outcome<PactReceivedFootprintView>> Decline(string reason, string actor);
}

/// <summary>Listings of the PACT exchange (stateless reader of its indexes).</summary>
[Alias("esg.IPactDirectoryGrain")]
public interface IPactDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Partners")]
    Task<IReadOnlyList<PactPartner>> Partners();

    /// <summary>The partner that calls us with this API key, or null.</summary>
    [Alias("PartnerByApiKey")]
    Task<string?> PartnerByApiKey(string apiKeyId);

    /// <summary>Holders with work not yet done (a marker written before the work, removed once none is left).</summary>
    [Alias("PendingWork")]
    Task<Page<PactWorkHolder>> PendingWork(string? after, int pageSize);

    /// <summary>Every outgoing item, newest first, with its delivery status.</summary>
    [Alias("Deliveries")]
    Task<Page<PactDeliveryRow>> Deliveries(string? after, int pageSize);

    [Alias("InboundRequests")]
    Task<Page<PactInboundRequestView>> InboundRequests(string? after, int pageSize);

    /// <summary>Requests we made, newest first; <paramref name="supplierId"/> narrows them to those addressed to one supplier (supplier portal).</summary>
    [Alias("OutboundRequests")]
    Task<Page<PactOutboundRequestView>> OutboundRequests(string? supplierId, string? after, int pageSize);

    [Alias("ReceivedFootprints")]
    Task<Page<PactReceivedFootprintView>> ReceivedFootprints(string? after, int pageSize);
}

public static class PactIds
{
    /// <summary>An inbound request's key: the partner and the event id (CloudEvents ids are unique per source; the partner stands for it).</summary>
    public static string InboundKey(string partnerId, string eventId)
        => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(partnerId + "\n" + eventId)))[..32];

    public static string ReceivedKey(string partnerId, string footprintId) => partnerId + "|" + footprintId.ToLowerInvariant();
}
