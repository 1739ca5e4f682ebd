using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// What a subscriber asked for (REST binding <c>POST /queries/{name}/subscriptions</c>): where to send results, the token
/// that signs them, and either <see cref="Stream"/> (every matching capture) or a <see cref="Schedule"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-subscription-spec")]
public sealed record EpcisSubscriptionSpec(
    string QueryName,
    string Dest,
    string? SignatureToken,
    bool Stream,
    EpcisQuerySchedule? Schedule,
    bool ReportIfEmpty,
    Instant InitialRecordTime,
    Instant CreatedAt,
    string CreatedBy);

/// <summary>A subscription as its owner sees it, with the state of its deliveries (the token is never shown).</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-subscription")]
public sealed record EpcisSubscriptionView(
    string SubscriptionId,
    string QueryName,
    string Dest,
    bool Signed,
    bool Stream,
    EpcisQuerySchedule? Schedule,
    bool ReportIfEmpty,
    Instant InitialRecordTime,
    Instant CreatedAt,
    EpcisDeliveryStatus Delivery);

/// <summary>
/// The delivery state of a subscription: what waits, what was delivered, the last attempt and its outcome, and when the
/// next attempt (a retry after failures, or the next scheduled run) is due.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-delivery-status")]
public sealed record EpcisDeliveryStatus(
    int PendingCaptures,
    long DeliveredEvents,
    long Deliveries,
    long FailedAttempts,
    int ConsecutiveFailures,
    Instant? LastAttemptAt,
    string? LastOutcome,
    Instant? LastNotifiedAt,
    Instant? NextAttemptAt,
    Instant? NextScheduledAt);

/// <summary>A page of subscriptions; <see cref="NextAfter"/> continues the list, null at its end.</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-subscription-page")]
public sealed record EpcisSubscriptionPage(IReadOnlyList<EpcisSubscriptionView> Subscriptions, string? NextAfter);
