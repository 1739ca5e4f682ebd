using EsgTrace.Hosting;
using EsgTrace.Hosting.Clustering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Orleans.Hosting;

/// <summary>Configures an Orleans client of an EsgTrace cluster (a portal in Cluster:Mode=Client, a load generator).</summary>
public static class EsgTraceClientBuilderExtensions
{
    /// <summary>
    /// Finds the gateways as the "Cluster" section says: in the Azure membership table (Clustering=AzureStorage), from a
    /// fixed list (Gateways), or the one local silo.
    /// </summary>
    public static IClientBuilder AddEsgTraceClient(this IClientBuilder client, IConfiguration configuration)
    {
        var cluster = configuration.GetSection(EsgTraceClusterOptions.Section).Get<EsgTraceClusterOptions>() ?? new EsgTraceClusterOptions();
        if (cluster.Clustering == ClusteringMode.AzureStorage)
        {
            var storage = configuration.GetSection(EsgTraceStorageOptions.Section).Get<EsgTraceStorageOptions>() ?? new EsgTraceStorageOptions();
            storage.Azure.Validate();
            client.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(storage.Azure));
            client.Services.Configure<AzureTableMembershipOptions>(configuration.GetSection(EsgTraceClusterOptions.Section + ":MembershipTable"));
            client.Services.AddSingleton<IGatewayListProvider, AzureTableGatewayListProvider>();
            // Notice new and departed silos within seconds rather than Orleans' default minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            Identify(client, cluster);
        }
        else if (cluster.Gateways.Length > 0)
        {
            client.UseStaticClustering(cluster.Gateways.Select(EsgTraceClusterOptions.ParseEndpoint).ToArray());
            Identify(client, cluster);
        }
        else
        {
            client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        }

        if (cluster.ResponseTimeout is { } timeout)
        {
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = timeout);
        }

        return client;
    }

    private static void Identify(IClientBuilder client, EsgTraceClusterOptions cluster)
        => client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
}
