using EsgTrace.Epcis;
using EsgTrace.Hosting.Epcis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Orleans.Hosting;

/// <summary>EPCIS webhook subscriptions: their settings, the outgoing HTTP client, and the resumption of deliveries at silo start.</summary>
public static class EpcisSubscriptionsSiloBuilderExtensions
{
    public static ISiloBuilder AddEsgTraceEpcisSubscriptions(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<EpcisSubscriptionOptions>()
            .Bind(configuration.GetSection(EpcisSubscriptionOptions.Section))
            .Validate(o => o.Problem() is null, "Epcis:Subscriptions: " + "a setting is out of range (TimeoutSeconds 1-300, RetryBaseSeconds > 0 ≤ RetryMaxSeconds, ReminderMinutes > 0, MaxEventsPerDelivery 1-1000).")
            .ValidateOnStart();
        silo.Services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        silo.Services.AddHttpClient(HttpWebhookSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => HttpWebhookSender.Handler(sp.GetRequiredService<IOptions<EpcisSubscriptionOptions>>().Value))
            .AddResilienceHandler("epcis-webhook", (pipeline, context) =>
            {
                var timeout = context.ServiceProvider.GetRequiredService<IOptions<EpcisSubscriptionOptions>>().Value.Timeout;
                // One quick retry of a transient failure; longer waits are the subscription's own durable back-off.
                // No circuit breaker: it would be shared by every destination of the client.
                pipeline.AddTimeout(timeout * 2 + TimeSpan.FromSeconds(1))
                    .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.FromMilliseconds(200), BackoffType = DelayBackoffType.Exponential, UseJitter = true })
                    .AddTimeout(timeout);
            });
        // Deliveries a restart interrupted go on at once, not a reminder period later.
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IEpcisSubscriptionsGrain>(0).ResumeAll());
        return silo;
    }
}
