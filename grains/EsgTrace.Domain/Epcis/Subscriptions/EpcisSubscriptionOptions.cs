namespace EsgTrace.Epcis;

/// <summary>Settings of EPCIS webhook subscriptions (<c>Epcis:Subscriptions</c>), read by the portal (checks) and the silos (delivery).</summary>
public sealed class EpcisSubscriptionOptions
{
    public const string Section = "Epcis:Subscriptions";

    /// <summary>
    /// Whether destinations on loopback, private, link-local or other non-public addresses may be called. Off by default: a
    /// subscriber could otherwise make the repository POST into its own network (SSRF). Set it for local receivers and tests.
    /// </summary>
    public bool AllowPrivateDestinations { get; set; }

    /// <summary>How long one POST to a destination may take (each try; 1-300 s).</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>The wait after the first failed delivery; each further failure doubles it, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 2;

    public double RetryMaxSeconds { get; set; } = 300;

    /// <summary>Period of each subscription's reminder, the durable wake-up after a restart or silo loss (at least the reminder service's minimum).</summary>
    public double ReminderMinutes { get; set; } = 1;

    /// <summary>Events per delivery at most (1-1,000); more go in further POSTs.</summary>
    public int MaxEventsPerDelivery { get; set; } = 1000;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan ReminderPeriod => TimeSpan.FromMinutes(ReminderMinutes);

    /// <summary>The wait before the next try after <paramref name="consecutiveFailures"/> failures in a row (≥ 1).</summary>
    public TimeSpan Backoff(int consecutiveFailures)
        => TimeSpan.FromSeconds(Math.Min(RetryMaxSeconds, RetryBaseSeconds * Math.Pow(2, Math.Min(consecutiveFailures - 1, 30))));

    /// <summary>Null when valid, else what is wrong (checked at start).</summary>
    public string? Problem()
        => TimeoutSeconds is < 1 or > 300 ? "Epcis:Subscriptions:TimeoutSeconds must be from 1 to 300."
            : RetryBaseSeconds <= 0 || RetryMaxSeconds < RetryBaseSeconds ? "Epcis:Subscriptions:RetryBaseSeconds must be more than 0 and RetryMaxSeconds at least as much."
            : ReminderMinutes <= 0 ? "Epcis:Subscriptions:ReminderMinutes must be more than 0."
            : MaxEventsPerDelivery is < 1 or > 1000 ? "Epcis:Subscriptions:MaxEventsPerDelivery must be from 1 to 1000."
            : null;
}
