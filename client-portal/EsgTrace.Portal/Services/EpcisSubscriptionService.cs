using EsgTrace.Epcis;

namespace EsgTrace.Portal.Services;

/// <summary>The portal's view of EPCIS subscriptions and their deliveries (the pages never call grains themselves).</summary>
public sealed class EpcisSubscriptionService(IGrainFactory grains)
{
    /// <summary>A page of every subscription (all named queries), in subscription-id order.</summary>
    public Task<EpcisSubscriptionPage> ListAsync(string? after, int count) => grains.GetGrain<IEpcisSubscriptionsGrain>(0).Subscriptions(null, after, count);
}
