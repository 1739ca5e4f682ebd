using EsgTrace.Hosting.Telemetry;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Health;
using Microsoft.AspNetCore.Authorization;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace EsgTrace.Portal.Extensions;

/// <summary>
/// The portal's observability: OpenTelemetry traces and metrics (ASP.NET Core, Orleans, HTTP client, our own meter) with
/// an OTLP option and a Prometheus scrape endpoint, health checks, and the Orleans dashboard, all behind the
/// <see cref="Policies.Operations"/> policy except the load balancers' /health.
/// </summary>
public static class ObservabilityExtensions
{
    /// <summary>The Orleans dashboard's address.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>The Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddEsgTraceObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddEsgTraceTelemetry(builder.Configuration, "esgtrace-portal")
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !IsScrapeOrProbe(context.Request.Path)))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());

        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section)
            .Validate(o => o.MinimumFreeDiskMegabytes >= 0, $"{HealthOptions.Section}:{nameof(HealthOptions.MinimumFreeDiskMegabytes)} must be 0 or more.")
            .Validate(o => o.ProbeTimeoutSeconds is >= 1 and <= 300, $"{HealthOptions.Section}:{nameof(HealthOptions.ProbeTimeoutSeconds)} must be from 1 to 300.")
            .ValidateOnStart();
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>(StorageHealthCheck.Name)
            .AddCheck<DataDiskHealthCheck>(DataDiskHealthCheck.Name);
        return builder;
    }

    /// <summary>The client side of the dashboard and trace propagation, for a portal that is an Orleans client (the embedded silo has both).</summary>
    public static IClientBuilder AddEsgTraceObservability(this IClientBuilder client)
        => client.AddDashboard().AddActivityPropagation();

    public static WebApplication MapEsgTraceObservability(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Policies.Operations);
        app.MapOrleansDashboard(DashboardPath)
            .RequireAuthorization(Policies.Operations)
            .AddEndpointFilter(AdminOnlyGrainState)
            .AddEndpointFilter(DashboardSiloAddresses.RefuseInvalid);
        return app;
    }

    // The dashboard's grain-state viewer shows any grain's stored state (accounts' password hashes, suppliers' data):
    // the admin only, not every operations role.
    private static async ValueTask<object?> AdminOnlyGrainState(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Path.Value?.EndsWith("/GrainState", StringComparison.OrdinalIgnoreCase) == true)
        {
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            if (!(await authorization.AuthorizeAsync(http.User, Policies.Admin)).Succeeded)
            {
                return TypedResults.Problem("The dashboard's grain state viewer is for the admin role.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
            }
        }

        return await next(context);
    }

    private static bool IsScrapeOrProbe(PathString path) => path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health");
}
