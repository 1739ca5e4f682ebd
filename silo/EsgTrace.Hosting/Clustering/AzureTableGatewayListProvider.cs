using EsgTrace.Hosting.Azure;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace EsgTrace.Hosting.Clustering;

/// <summary>
/// For Orleans clients (portals): the gateways of the cluster's active silos, read from the membership table the silos
/// keep on Azure Table storage, so a portal finds silos that start later and drops those that died.
/// </summary>
public sealed class AzureTableGatewayListProvider(
    IOptions<ClusterOptions> cluster,
    IOptions<AzureStorageOptions> storage,
    IOptions<AzureTableMembershipOptions> membership,
    IOptions<GatewayOptions> gateway) : IGatewayListProvider
{
    private readonly MembershipPartition _partition = MembershipPartition.Open(cluster.Value, storage.Value, membership.Value);

    public TimeSpan MaxStaleness => gateway.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken) => _partition.EnsureTableAsync(cancellationToken);

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        var data = await _partition.ReadAllAsync(cancellationToken);
        return data.Members
            .Select(m => m.Item1)
            .Where(e => e.Status == SiloStatus.Active && e.ProxyPort != 0)
            .Select(e => SiloAddress.New(e.SiloAddress.Endpoint.Address, e.ProxyPort, e.SiloAddress.Generation).ToGatewayUri())
            .ToList();
    }
}
