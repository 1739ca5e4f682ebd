using EsgTrace.Hosting.Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace EsgTrace.Hosting.Clustering;

/// <summary>
/// Orleans' membership table on Azure Table storage (or Azurite), for silos of a multi-silo cluster. The official package
/// for this is not in our registry; the layout (version row + silo rows in one partition per cluster id, changes in
/// entity-group transactions under the version row's ETag) follows what Orleans' membership protocol requires of any table.
/// </summary>
public sealed partial class AzureTableMembershipTable(
    IOptions<ClusterOptions> cluster,
    IOptions<AzureStorageOptions> storage,
    IOptions<AzureTableMembershipOptions> membership,
    ILogger<AzureTableMembershipTable> logger) : IMembershipTable
{
    private readonly MembershipPartition _partition = MembershipPartition.Open(cluster.Value, storage.Value, membership.Value);

    [Obsolete("Use InitializeMembershipTableAsync instead.")]
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        await _partition.EnsureTableAsync(cancellationToken);
        if (tryInitTableVersion && await _partition.TryInitializeVersionAsync(cancellationToken))
        {
            LogCreatedVersionRow(_partition.ClusterId);
        }
    }

    [Obsolete("Use DeleteMembershipTableEntriesAsync instead.")]
    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default) => _partition.DeleteAllAsync(clusterId, cancellationToken);

    [Obsolete("Use CleanupDefunctSiloEntriesAsync instead.")]
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        var removed = await _partition.CleanupDefunctAsync(beforeDate, cancellationToken);
        if (removed > 0)
        {
            LogRemovedDefunct(removed, beforeDate);
        }
    }

    [Obsolete("Use ReadRowAsync instead.")]
    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default) => _partition.ReadRowAsync(key, cancellationToken);

    [Obsolete("Use ReadAllAsync instead.")]
    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) => _partition.ReadAllAsync(cancellationToken);

    [Obsolete("Use InsertRowAsync instead.")]
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default)
        => _partition.InsertAsync(entry, tableVersion, cancellationToken);

    [Obsolete("Use UpdateRowAsync instead.")]
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default)
        => _partition.UpdateAsync(entry, etag, tableVersion, cancellationToken);

    [Obsolete("Use UpdateIAmAliveAsync instead.")]
    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default) => _partition.UpdateIAmAliveAsync(entry, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership version row of cluster {ClusterId}.")]
    private partial void LogCreatedVersionRow(string clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct silo rows last heard of before {Before}.")]
    private partial void LogRemovedDefunct(int count, DateTimeOffset before);
}
