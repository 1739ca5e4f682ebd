using System.Net;
using Azure;
using Azure.Data.Tables;
using EsgTrace.Hosting.Azure;
using Orleans;
using Orleans.Runtime;

namespace EsgTrace.Hosting.Clustering;

/// <summary>
/// One cluster's membership rows in Azure Table storage (partition = cluster id). Every change to a silo row goes in one
/// entity-group transaction with a replace of the version row under the ETag the caller read, so two silos that read the
/// same version cannot both write: the second transaction fails whole and Orleans reads again. This is the optimistic
/// concurrency Orleans' membership protocol is built on.
/// </summary>
public sealed class MembershipPartition
{
    private readonly TableClient _table;
    private readonly string _partition;

    public MembershipPartition(TableServiceClient service, string tableName, string clusterId)
    {
        _table = service.GetTableClient(tableName);
        ClusterId = clusterId;
        _partition = AzureKeys.Escape(clusterId);
    }

    public string ClusterId { get; }

    /// <summary>The partition of <paramref name="cluster"/>'s id in the membership table of the configured account.</summary>
    public static MembershipPartition Open(Orleans.Configuration.ClusterOptions cluster, AzureStorageOptions storage, AzureTableMembershipOptions membership)
        => new(AzureTableServiceFactory.Create(storage, TimeSpan.FromSeconds(10)), storage.TablePrefix + membership.TableName, cluster.ClusterId);

    public async Task EnsureTableAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Writes version 0 unless a version row exists already (any silo may try; the first one wins).</summary>
    public async Task<bool> TryInitializeVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(MembershipEntity.Version(_partition, 0), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        var rows = new List<Tuple<MembershipEntry, string>>();
        TableVersion? version = null;
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == _partition, cancellationToken: cancellationToken))
        {
            if (MembershipEntity.IsVersionRow(entity))
            {
                version = new TableVersion(MembershipEntity.ReadVersion(entity), entity.ETag.ToString());
            }
            else
            {
                rows.Add(Tuple.Create(MembershipEntity.ToEntry(entity), entity.ETag.ToString()));
            }
        }

        return new MembershipTableData(rows, version ?? Uninitialized);
    }

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        var rowKey = MembershipEntity.RowKey(silo);
        var read = await Task.WhenAll(
            _table.GetEntityIfExistsAsync<TableEntity>(_partition, MembershipEntity.VersionRowKey, cancellationToken: cancellationToken),
            _table.GetEntityIfExistsAsync<TableEntity>(_partition, rowKey, cancellationToken: cancellationToken));
        var version = read[0].HasValue ? new TableVersion(MembershipEntity.ReadVersion(read[0].Value!), read[0].Value!.ETag.ToString()) : Uninitialized;
        return read[1].HasValue
            ? new MembershipTableData(Tuple.Create(MembershipEntity.ToEntry(read[1].Value!), read[1].Value!.ETag.ToString()), version)
            : new MembershipTableData(version);
    }

    /// <summary>Adds the silo's row and moves the version on, both or neither. False when the silo is listed or the version moved.</summary>
    public Task<bool> InsertAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken)
        => SubmitAsync(
            new TableTransactionAction(TableTransactionActionType.Add, MembershipEntity.Silo(_partition, entry)),
            version,
            cancellationToken);

    /// <summary>Replaces the silo's row under its ETag and moves the version on, both or neither. False when either changed since read.</summary>
    public Task<bool> UpdateAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken)
        => SubmitAsync(
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, MembershipEntity.Silo(_partition, entry), new ETag(etag)),
            version,
            cancellationToken);

    /// <summary>The heartbeat: merges the I-am-alive time into the silo's row, without a version change (not a membership change).</summary>
    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
        => await _table.UpdateEntityAsync(MembershipEntity.Heartbeat(_partition, entry), ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Deletes the rows of silos that are no longer active and were last heard of before <paramref name="before"/>.</summary>
    public async Task<int> CleanupDefunctAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var removed = 0;
        var data = await ReadAllAsync(cancellationToken);
        foreach (var (entry, etag) in data.Members)
        {
            var lastSeen = entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;
            if (entry.Status != SiloStatus.Active && new DateTimeOffset(DateTime.SpecifyKind(lastSeen, DateTimeKind.Utc)) < before)
            {
                try
                {
                    await _table.DeleteEntityAsync(_partition, MembershipEntity.RowKey(entry.SiloAddress), new ETag(etag), cancellationToken);
                    removed++;
                }
                catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
                {
                    // Changed or removed meanwhile: whoever did it knew better; leave it.
                }
            }
        }

        return removed;
    }

    /// <summary>Removes every row of <paramref name="clusterId"/>'s partition, version row included.</summary>
    public async Task DeleteAllAsync(string clusterId, CancellationToken cancellationToken)
    {
        var partition = AzureKeys.Escape(clusterId);
        var batch = new List<TableTransactionAction>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
            if (batch.Count == 100)
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    private static TableVersion Uninitialized => new(0, string.Empty);

    private async Task<bool> SubmitAsync(TableTransactionAction siloChange, TableVersion version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(version.VersionEtag))
        {
            return false; // no version row read: nothing to guard the change with
        }

        var versionChange = new TableTransactionAction(
            TableTransactionActionType.UpdateReplace,
            MembershipEntity.Version(_partition, version.Version),
            new ETag(version.VersionEtag));
        try
        {
            await _table.SubmitTransactionAsync([siloChange, versionChange], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
