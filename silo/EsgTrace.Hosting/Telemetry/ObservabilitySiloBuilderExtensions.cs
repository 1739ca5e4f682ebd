using EsgTrace.Hosting;
using EsgTrace.Hosting.Telemetry;
using EsgTrace.Storage;
using EsgTrace.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace Orleans.Hosting;

/// <summary>What a silo contributes to observability: the dashboard's grains, trace propagation, metered durable writes.</summary>
public static class ObservabilitySiloBuilderExtensions
{
    /// <summary>
    /// Adds the Orleans dashboard's silo side (its grains and grain-call profiler, which the portal's /dashboard reads in
    /// both cluster modes), propagates trace context across grain calls, and meters every durable write of the table
    /// store. Call after the storage seams are registered.
    /// </summary>
    public static ISiloBuilder AddEsgTraceObservability(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddDashboard();
        silo.AddActivityPropagation();
        var backend = EsgTraceStorageOptions.From(configuration).Backend == StorageBackend.AzureStorage ? "azure" : "sqlite";
        silo.Services.Decorate<ITableStore>((sp, inner) => new MeteredTableStore(inner, sp.GetRequiredService<EsgTraceMetrics>(), backend));
        return silo;
    }
}
