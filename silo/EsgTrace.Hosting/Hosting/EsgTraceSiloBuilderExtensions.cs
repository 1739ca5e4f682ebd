using System.Net;
using EsgTrace.Hosting;
using EsgTrace.Hosting.Tables;
using EsgTrace.Storage;
using EsgTrace.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Hosting;

/// <summary>Configures a silo as EsgTrace runs it: clustering, storage seams, grain storage and its serializer.</summary>
public static class EsgTraceSiloBuilderExtensions
{
    /// <summary>Everything a silo of EsgTrace needs, read from configuration ("Cluster" and "Storage" sections).</summary>
    public static ISiloBuilder AddEsgTraceSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = EsgTraceClusterOptions.From(configuration);
        ClusterPorts.Resolve(cluster);
        switch (cluster.Clustering)
        {
            case ClusteringMode.Localhost:
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                break;
            case ClusteringMode.Development or ClusteringMode.AzureStorage:
                if (cluster.Clustering == ClusteringMode.Development)
                {
                    silo.UseDevelopmentClustering(cluster.PrimaryEndpoint());
                }
                else
                {
                    silo.UseAzureTableMembership(configuration);
                }

                silo.Configure<ClusterOptions>(cluster.Identify);
                silo.ConfigureEndpoints(cluster.Advertised(), cluster.SiloPort, cluster.GatewayPort);
                break;
        }

        if (cluster.ResponseTimeout is { } timeout)
        {
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = timeout);
        }

        // Failure-detection tuning (e.g. Cluster:Membership:ProbeTimeout) for clusters that must notice a dead silo sooner.
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(EsgTraceClusterOptions.Section + ":Membership"));
        silo.AddIncomingGrainCallFilter<EsgTrace.Hosting.Filters.DiscardActivationOnFailure>();
        silo.AddIncomingGrainCallFilter<EsgTrace.Hosting.Filters.StorageFailureTranslation>();

        silo.Services.AddEsgTraceStorage(configuration);
        silo.Services.Configure<OrganisationOptions>(configuration.GetSection(OrganisationOptions.Section));
        silo.Services.Configure<EsgTrace.Hosting.GreenIt.PlatformOptions>(configuration.GetSection(EsgTrace.Hosting.GreenIt.PlatformOptions.Section));
        silo.Services.Configure<EsgTrace.Epcis.EpcisQueryOptions>(configuration.GetSection(EsgTrace.Epcis.EpcisQueryOptions.Section));
        silo.AddEsgTraceGrainState(configuration);
        silo.AddEsgTraceReminders(configuration);
        silo.AddEsgTraceBackgroundWork(configuration);
        silo.AddEsgTraceEpcisSubscriptions(configuration);
        silo.AddEsgTraceObservability(configuration);
        silo.AddStartupTask((services, _) => EsgTrace.SupplyChain.LedgerMigration.RunAsync(services.GetRequiredService<IIndexStore>(), services.GetRequiredService<IGrainFactory>()));
        silo.Services.AddHostedService<EsgTrace.Hosting.GreenIt.PlatformFootprintSampler>();
        return silo;
    }

    /// <summary>
    /// Cluster membership on Azure Table storage (Microsoft.Orleans.Clustering.AzureStorage), in the account of the
    /// "Storage:Azure" settings. The silos of one cluster share their data, so the storage backend must be Azure too.
    /// </summary>
    public static ISiloBuilder UseAzureTableMembership(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = EsgTraceStorageOptions.From(configuration);
        if (storage.Backend != StorageBackend.AzureStorage)
        {
            throw new InvalidOperationException("Cluster:Clustering=AzureStorage keeps membership in Azure Tables, and the silos of one cluster must share their data: set Storage:Backend=AzureStorage (and Storage:Azure:ConnectionString) too.");
        }

        return silo.UseEsgTraceAzureClustering(storage.Azure);
    }

    /// <summary>
    /// Grain storage on the configured <see cref="ITableStore"/> (the embedded default's SQLite), with the System.Text.Json
    /// serializer (Orleans' default stores assembly-qualified type names, which break on every rename).
    /// </summary>
    public static ISiloBuilder AddEsgTraceGrainStorage(this ISiloBuilder silo, string name = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, Action<TableGrainStorageOptions>? configure = null)
    {
        silo.UseEsgTraceGrainStorageSerializer();
        var options = new TableGrainStorageOptions();
        configure?.Invoke(options);
        silo.Services.AddGrainStorage(name, (sp, providerName) => new TableGrainStorage(
            providerName,
            options,
            sp.GetRequiredService<ITableStore>(),
            sp.GetRequiredService<IGrainStorageSerializer>(),
            sp.GetRequiredService<ILogger<TableGrainStorage>>()));
        return silo;
    }
}
