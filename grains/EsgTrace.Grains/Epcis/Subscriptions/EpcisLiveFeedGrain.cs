using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// Tells live listeners (WebSocket streams in the portals) which events were just stored. Listeners refresh themselves
/// every minute and are dropped after three without; nothing here is durable: a listener of a silo that died is gone,
/// and a portal re-registers its streams with the activation that takes over.
/// </summary>
public sealed class EpcisLiveFeedGrain(IClock clock) : Grain, IEpcisLiveFeedGrain
{
    private static readonly Duration Expiry = Duration.FromMinutes(3);
    private readonly Dictionary<IEpcisLiveListener, Instant> _listeners = [];

    public Task Listen(IEpcisLiveListener listener)
    {
        _listeners[listener] = clock.GetCurrentInstant();
        return Task.CompletedTask;
    }

    public Task Stop(IEpcisLiveListener listener)
    {
        _listeners.Remove(listener);
        return Task.CompletedTask;
    }

    public Task Publish(IReadOnlyList<string> eventIds)
    {
        var now = clock.GetCurrentInstant();
        foreach (var (listener, seen) in _listeners.ToList())
        {
            if (now - seen > Expiry)
            {
                _listeners.Remove(listener);
                continue;
            }

            try
            {
                _ = listener.Captured(eventIds);
            }
            catch (Exception)
            {
                _listeners.Remove(listener);
            }
        }

        return Task.CompletedTask;
    }
}
