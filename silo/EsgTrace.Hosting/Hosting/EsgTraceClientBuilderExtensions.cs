using EsgTrace.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Configures an Orleans client of an EsgTrace cluster (a portal in Cluster:Mode=Client, a load generator).</summary>
public static class EsgTraceClientBuilderExtensions
{
    /// <summary>
    /// Finds the gateways as the "Cluster" section says: in the Azure membership table the silos keep
    /// (Clustering=AzureStorage: the official provider's gateway list), from a fixed list (Gateways), or the one local silo.
    /// </summary>
    public static IClientBuilder AddEsgTraceClient(this IClientBuilder client, IConfiguration configuration)
    {
        var cluster = EsgTraceClusterOptions.From(configuration);
        if (cluster.Clustering == ClusteringMode.AzureStorage)
        {
            client.UseEsgTraceAzureClustering(EsgTraceStorageOptions.From(configuration).Azure);
            // Notice new and departed silos within seconds rather than Orleans' default minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.Configure<ClusterOptions>(cluster.Identify);
        }
        else if (cluster.Gateways.Length > 0)
        {
            client.UseStaticClustering(cluster.Gateways.Select(EsgTraceClusterOptions.ParseEndpoint).ToArray());
            client.Configure<ClusterOptions>(cluster.Identify);
        }
        else
        {
            client.UseLocalhostClustering(cluster.GatewayPort is 0 ? EsgTraceClusterOptions.DefaultGatewayPort : cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        }

        if (cluster.ResponseTimeout is { } timeout)
        {
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = timeout);
        }

        return client;
    }
}
