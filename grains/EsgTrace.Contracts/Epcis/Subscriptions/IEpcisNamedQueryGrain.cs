namespace EsgTrace.Epcis;

/// <summary>One named query, keyed by its name; it also owns the subscriptions to it.</summary>
[Alias("esg.IEpcisNamedQueryGrain")]
public interface IEpcisNamedQueryGrain : IGrainWithStringKey
{
    /// <summary>Creates the query; false (and nothing changed) when the name is taken.</summary>
    [Alias("Create")]
    Task<bool> Create(IReadOnlyList<EpcisQueryParameter> parameters, string actor);

    [Alias("Get")]
    Task<EpcisNamedQuery?> Get();

    /// <summary>Removes the query and ends every subscription to it; false when there is no such query.</summary>
    [Alias("Delete")]
    Task<bool> Delete(string actor);

    /// <summary>Subscribes (the spec checked by the caller); null when there is no such query.</summary>
    [Alias("Subscribe")]
    Task<EpcisSubscriptionView?> Subscribe(EpcisSubscriptionSpec spec);

    /// <summary>Ends one subscription of this query; false when it is not one.</summary>
    [Alias("Unsubscribe")]
    Task<bool> Unsubscribe(string subscriptionId, string actor);
}

/// <summary>
/// One webhook subscription, keyed by its id: it delivers what its query matches to its destination, at least once,
/// from a durable outbox, retrying with back-off; scheduled ones run on their schedule.
/// </summary>
[Alias("esg.IEpcisSubscriptionGrain")]
public interface IEpcisSubscriptionGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task<EpcisSubscriptionView> Start(EpcisSubscriptionSpec spec, IReadOnlyList<EpcisQueryParameter> parameters);

    [Alias("Get")]
    Task<EpcisSubscriptionView?> Get();

    [Alias("Cancel")]
    Task Cancel();

    /// <summary>Something may be waiting: deliver what is due (a no-op when nothing is, or a retry is not due yet).</summary>
    [Alias("Poke"), Orleans.Concurrency.OneWay]
    Task Poke();
}

/// <summary>Lists named queries and subscriptions, and hands each capture's stored events to the subscriptions; any silo.</summary>
[Alias("esg.IEpcisSubscriptionsGrain")]
public interface IEpcisSubscriptionsGrain : IGrainWithIntegerKey
{
    [Alias("Queries")]
    Task<EpcisNamedQueryPage> Queries(string? after, int count);

    /// <summary>The subscriptions of one query (or of all queries, when <paramref name="queryName"/> is null).</summary>
    [Alias("Subscriptions")]
    Task<EpcisSubscriptionPage> Subscriptions(string? queryName, string? after, int count);

    /// <summary>
    /// A capture stored these events (at <paramref name="recordTime"/>): each subscription gets an outbox entry naming them
    /// before this returns, and WebSocket listeners are told. Idempotent: a resumed capture calls it again with the same keys.
    /// </summary>
    [Alias("CaptureStored")]
    Task CaptureStored(string captureId, NodaTime.Instant recordTime, IReadOnlyList<string> eventIds);

    /// <summary>Pokes every subscription (at silo start, so deliveries a restart interrupted go on at once).</summary>
    [Alias("ResumeAll")]
    Task<int> ResumeAll();
}

/// <summary>Live listeners (the portal's WebSocket streams) of captured events; best effort, never durable.</summary>
[Alias("esg.IEpcisLiveFeedGrain")]
public interface IEpcisLiveFeedGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or refreshes a listener; a listener not refreshed within a few minutes is dropped.</summary>
    [Alias("Listen")]
    Task Listen(IEpcisLiveListener listener);

    [Alias("Stop")]
    Task Stop(IEpcisLiveListener listener);

    [Alias("Publish"), Orleans.Concurrency.OneWay]
    Task Publish(IReadOnlyList<string> eventIds);
}

/// <summary>A live listener: told the ids of events just stored.</summary>
[Alias("esg.IEpcisLiveListener")]
public interface IEpcisLiveListener : IGrainObserver
{
    [Alias("Captured"), Orleans.Concurrency.OneWay]
    Task Captured(IReadOnlyList<string> eventIds);
}
