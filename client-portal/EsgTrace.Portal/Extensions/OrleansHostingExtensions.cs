using System.Net;
using EsgTrace.Hosting;
using Orleans.Configuration;

namespace EsgTrace.Portal.Extensions;

/// <summary>Wires Orleans into the portal: an in-process silo (embedded) or a client of a standalone cluster.</summary>
public static class OrleansHostingExtensions
{
    public static OrleansMode AddEsgTraceOrleans(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue("Cluster:Mode", OrleansMode.Embedded);
        if (mode == OrleansMode.Embedded)
        {
            builder.UseOrleans(silo => silo.AddEsgTraceSilo(builder.Configuration));
            return mode;
        }

        var cluster = builder.Configuration.GetSection(EsgTraceClusterOptions.Section).Get<EsgTraceClusterOptions>() ?? new EsgTraceClusterOptions();
        builder.UseOrleansClient(client =>
        {
            if (cluster.Gateways.Length == 0)
            {
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
            }
            else
            {
                var gateways = cluster.Gateways.Select(EsgTraceClusterOptions.ParseEndpoint).ToArray();
                client.UseStaticClustering(gateways);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
            }
        });
        return mode;
    }
}
