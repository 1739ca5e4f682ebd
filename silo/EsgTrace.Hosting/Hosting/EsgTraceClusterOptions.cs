using System.Net;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace EsgTrace.Hosting;

/// <summary>The "Cluster" configuration section (not "Orleans", which Orleans reads itself): cluster identity, ports and how silos find each other.</summary>
public sealed class EsgTraceClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>Portals only: co-host a silo (Embedded, the default) or connect to standalone silos as a client.</summary>
    public OrleansMode Mode { get; set; } = OrleansMode.Embedded;

    public string ClusterId { get; set; } = "esgtrace-dev";

    public string ServiceId { get; set; } = "esgtrace";

    /// <summary>Orleans' usual silo-to-silo port, taken when a cluster of several silos leaves <see cref="SiloPort"/> unset.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>Orleans' usual gateway port, taken when <see cref="GatewayPort"/> is unset (but by the embedded default).</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>
    /// Silo-to-silo port. Unset (0): the one silo of Localhost clustering (the embedded default) takes a free port, so two
    /// platforms on one machine never collide; other clusterings take <see cref="DefaultSiloPort"/>. See <see cref="ClusterPorts"/>.
    /// </summary>
    public int SiloPort { get; set; }

    /// <summary>Port clients (portals) connect to; unset (0) as for <see cref="SiloPort"/>, default <see cref="DefaultGatewayPort"/>.</summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// Localhost: one silo on loopback (the embedded default). Development: several silos on one machine or network that
    /// join the silo at <see cref="PrimarySiloEndpoint"/> (membership kept in the primary's memory; for development only).
    /// AzureStorage: membership in an Azure table (Storage:Azure settings), for a real multi-silo cluster; portals find
    /// the gateways there too.
    /// </summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>The primary silo's silo endpoint, e.g. 127.0.0.1:11111, for <see cref="ClusteringMode.Development"/>.</summary>
    public string? PrimarySiloEndpoint { get; set; }

    /// <summary>The address other silos and clients reach this silo at (AzureStorage and Development clustering).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>How long a grain call may take before the caller gives up (Orleans' default is 30 s).</summary>
    public TimeSpan? ResponseTimeout { get; set; }

    /// <summary>Gateways a standalone portal connects to, e.g. ["127.0.0.1:30000", "127.0.0.1:30001"].</summary>
    public string[] Gateways { get; set; } = [];

    /// <summary>The section as configured, defaults where unset.</summary>
    public static EsgTraceClusterOptions From(IConfiguration configuration)
        => configuration.GetSection(Section).Get<EsgTraceClusterOptions>() ?? new EsgTraceClusterOptions();

    /// <summary>Gives Orleans this cluster's identity (silos and clients must agree on both ids).</summary>
    public void Identify(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    public IPAddress Advertised() => IPAddress.TryParse(AdvertisedAddress, out var address) ? address : throw new InvalidOperationException($"Cluster:AdvertisedAddress '{AdvertisedAddress}' is not an IP address.");

    public IPEndPoint PrimaryEndpoint() => ParseEndpoint(PrimarySiloEndpoint ?? throw new InvalidOperationException("Cluster:PrimarySiloEndpoint is required when Cluster:Clustering is Development."));

    public static IPEndPoint ParseEndpoint(string text)
        => IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0 ? endpoint : throw new InvalidOperationException($"'{text}' is not an endpoint of the form 127.0.0.1:11111.");
}

/// <summary>How silos form a cluster.</summary>
public enum ClusteringMode
{
    Localhost,
    Development,
    AzureStorage,
}
