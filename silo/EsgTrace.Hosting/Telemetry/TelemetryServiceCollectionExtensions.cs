using EsgTrace.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EsgTrace.Hosting.Telemetry;

/// <summary>OpenTelemetry as every EsgTrace process runs it: Orleans' and our own sources and meters, exported by OTLP when configured.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Orleans' activity sources (grain calls: application and runtime); the silo and client need AddActivityPropagation too.</summary>
    public static readonly IReadOnlyList<string> OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Orleans' meter (messaging, activations, catalog, storage, ...).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Registers traces and metrics for one process named <paramref name="serviceName"/>. Call once per process; the
    /// caller adds what its host has on top (ASP.NET Core, a Prometheus endpoint) to the builder returned.
    /// </summary>
    public static OpenTelemetryBuilder AddEsgTraceTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var options = TelemetryOptions.From(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceNamespace: "esgtrace", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(tracing => tracing
                .AddSource([.. OrleansActivitySources])
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(OrleansMeter, EsgTraceMetrics.MeterName)
                .AddRuntimeInstrumentation()
                .AddHttpClientInstrumentation());
        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.UseOtlpExporter(options.OtlpProtocol, endpoint);
        }
        else if (options.UseStandardVariables)
        {
            telemetry.UseOtlpExporter();
        }

        return telemetry;
    }
}
