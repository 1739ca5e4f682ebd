using NodaTime;

namespace EsgTrace.Pact;

/// <summary>What an item of PACT exchange work does: deliver an event to a partner's /3/events, or fetch a footprint from its /3/footprints/{id}.</summary>
public enum PactWorkKind
{
    Deliver,
    Fetch,
}

public enum PactWorkStatus
{
    /// <summary>Not done yet; tried again at <see cref="PactWorkItem.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>The partner answered 2xx (delivery) or the footprint was read (fetch).</summary>
    Done,

    /// <summary>Given up after the retry horizon (72 hours, as the specification advises).</summary>
    Abandoned,
}

/// <summary>
/// One item of a grain's durable outbox: written in the same state write as the change that causes it (an answer, a
/// request, a received event), done by the portal's exchange worker at least once, with exponential back-off between
/// failed attempts. A delivered event keeps its id on every attempt, so the receiver can discard repeats.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.pact-work-item")]
public sealed record PactWorkItem(
    string Id,
    PactWorkKind Kind,
    string PartnerId,
    string What,
    string Payload,
    Instant CreatedAt,
    int Attempts,
    Instant? NextAttemptAt,
    PactWorkStatus Status,
    string? LastOutcome,
    Instant? DoneAt);

/// <summary>Which grain holds an outbox: its kind (<see cref="PactWorkHolders"/>) and key.</summary>
[GenerateSerializer, Immutable, Alias("esg.pact-work-holder")]
public sealed record PactWorkHolder(string Kind, string Key);

/// <summary>A row of the delivery log: the holder and its item as it stands.</summary>
[GenerateSerializer, Immutable, Alias("esg.pact-delivery-row")]
public sealed record PactDeliveryRow(PactWorkHolder Holder, PactWorkItem Item);

public static class PactWorkHolders
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
    public const string Received = "received";
    public const string Footprints = "footprints";

    /// <summary>The grain a holder names.</summary>
    public static IPactWorkHolderGrain Resolve(IGrainFactory grains, PactWorkHolder holder) => holder.Kind switch
    {
        Inbound => grains.GetGrain<IPactInboundRequestGrain>(holder.Key),
        Outbound => grains.GetGrain<IPactOutboundRequestGrain>(holder.Key),
        Received => grains.GetGrain<IPactReceivedFootprintGrain>(holder.Key),
        Footprints => grains.GetGrain<IPactFootprintGrain>(holder.Key),
        _ => throw new ArgumentException($"Unknown PACT work holder '{holder.Kind}'.", nameof(holder)),
    };
}

/// <summary>A grain that holds PACT exchange work in its own state (its outbox).</summary>
[Alias("esg.IPactWorkHolderGrain")]
public interface IPactWorkHolderGrain : IGrainWithStringKey
{
    /// <summary>Every item, done or not (for the portal's delivery status).</summary>
    [Alias("Work")]
    Task<IReadOnlyList<PactWorkItem>> Work();

    /// <summary>The pending items whose next attempt is due at <paramref name="now"/>.</summary>
    [Alias("DueWork")]
    Task<IReadOnlyList<PactWorkItem>> DueWork(Instant now);

    /// <summary>The item succeeded; <paramref name="result"/> is what a fetch read (the footprint's JSON).</summary>
    [Alias("WorkDone")]
    Task WorkDone(string itemId, string outcome, string? result, Instant at);

    /// <summary>The attempt failed: try again at <paramref name="nextAttemptAt"/>, or give up when it is null.</summary>
    [Alias("WorkFailed")]
    Task WorkFailed(string itemId, string outcome, Instant? nextAttemptAt, Instant at);
}
