using System.Net;
using System.Net.Sockets;

namespace EsgTrace.Hosting;

/// <summary>
/// Chooses and checks a silo's ports before Orleans binds them. Orleans itself reports an occupied port deep in its
/// start-up (a socket exception among its connection listeners, or not at all when another silo already answers there,
/// which then joins the wrong cluster); this fails at once and names the port and the setting that moves it.
/// </summary>
public static class ClusterPorts
{
    /// <summary>
    /// Fills unset ports (Localhost clustering: free ports on loopback, since nothing outside this process connects to
    /// its silo unless a port is configured; otherwise Orleans' 11111 and 30000), then checks that each is free.
    /// </summary>
    public static void Resolve(EsgTraceClusterOptions cluster)
    {
        var localOnly = cluster.Clustering == ClusteringMode.Localhost;
        var address = localOnly ? IPAddress.Loopback : IPAddress.Any;
        if (cluster.SiloPort == 0)
        {
            cluster.SiloPort = localOnly ? FreePort(address) : EsgTraceClusterOptions.DefaultSiloPort;
        }

        if (cluster.GatewayPort == 0)
        {
            cluster.GatewayPort = localOnly ? FreePort(address) : EsgTraceClusterOptions.DefaultGatewayPort;
        }

        if (cluster.SiloPort == cluster.GatewayPort)
        {
            throw new StartupConfigurationException($"Cluster:SiloPort and Cluster:GatewayPort are both {cluster.SiloPort}; give them different ports.");
        }

        EnsureFree(address, cluster.SiloPort, "Cluster:SiloPort");
        EnsureFree(address, cluster.GatewayPort, "Cluster:GatewayPort");
    }

    /// <summary>Throws, naming the port and its setting, when another process holds the port.</summary>
    public static void EnsureFree(IPAddress address, int port, string setting)
    {
        if (port is < 1 or > 65535)
        {
            throw new StartupConfigurationException($"{setting} is {port}; a port is 1-65535.");
        }

        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            var env = setting.Replace(":", "__", StringComparison.Ordinal);
            throw new StartupConfigurationException(
                $"Port {port} ({setting}) is {(ex.SocketErrorCode == SocketError.AccessDenied ? "not allowed for this user" : "already in use, perhaps by another EsgTrace silo or portal")}. "
                + $"Stop that process, or give this silo another port: --{setting} <port>, or the environment variable {env}=<port>.", ex);
        }
        finally
        {
            listener.Stop();
        }
    }

    private static int FreePort(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
