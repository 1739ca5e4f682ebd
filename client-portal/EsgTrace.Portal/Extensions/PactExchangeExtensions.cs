using EsgTrace.Portal.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace EsgTrace.Portal.Extensions;

/// <summary>The PACT v3 exchange: settings, services, the outgoing HTTP client with its resilience pipeline, and the exchange worker.</summary>
public static class PactExchangeExtensions
{
    public static IServiceCollection AddEsgTracePactExchange(this IServiceCollection services)
    {
        services.AddOptions<PactOptions>().BindConfiguration(PactOptions.Section)
            .Validate(o => o.Problem() is null, "Pact: a setting is out of range (GeographyCountry two capitals, PollSeconds 0-3600, RetryBaseSeconds > 0 ≤ RetryMaxSeconds, TimeoutSeconds 1-300).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PactService>();
        services.AddSingleton<PactExchangeService>();
        services.AddSingleton<PactPartnerClient>();
        services.AddSingleton<PactExchangeWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<PactExchangeWorker>());
        services.AddHttpClient(PactPartnerClient.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .AddResilienceHandler("pact-partners", (pipeline, context) =>
            {
                var timeout = TimeSpan.FromSeconds(context.ServiceProvider.GetRequiredService<IOptions<PactOptions>>().Value.TimeoutSeconds);
                // Total time, two quick retries of transient failures, a breaker per call target, each attempt timed out.
                // Longer waits are the outbox's own durable back-off.
                pipeline.AddTimeout(timeout * 3 + TimeSpan.FromSeconds(2))
                    .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(200), BackoffType = DelayBackoffType.Exponential, UseJitter = true })
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions { FailureRatio = 0.9, MinimumThroughput = 5, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(5) })
                    .AddTimeout(timeout);
            })
            // One pipeline (and so one circuit) per partner host, so one partner being down does not pause calls to the others.
            .SelectPipelineByAuthority();
        return services;
    }
}
