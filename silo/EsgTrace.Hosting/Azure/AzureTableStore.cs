using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using EsgTrace.Storage;
using Microsoft.Extensions.Options;

namespace EsgTrace.Hosting.Azure;

/// <summary>
/// The production table store on Azure Table storage (or Azurite). One entity per row; the payload is split across binary
/// properties D0…D14 of at most 64 KiB each (Azure's per-property limit), so a row holds up to 960 KiB; ETags are Azure's own.
/// An atomic batch is atomic per (table, partition) only: see <see cref="ITableStore.WriteAtomicAsync"/>.
/// </summary>
public sealed class AzureTableStore : ITableStore
{
    private const int ChunkBytes = 64 * 1024;
    private const string LengthProperty = "Len";
    private const int ReadsInFlight = 32;
    private const int TransactionsInFlight = 8;
    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public AzureTableStore(IOptions<AzureStorageOptions> options)
    {
        var o = options.Value;
        o.Validate();
        _prefix = o.TablePrefix;
        _service = AzureTableServiceFactory.Create(o);
    }

    public async Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        var response = await Call(() => client.GetEntityIfExistsAsync<TableEntity>(AzureKeys.Escape(partitionKey), AzureKeys.Escape(rowKey), cancellationToken: cancellationToken));
        return response.HasValue ? ToRow(response.Value!) : null;
    }

    public async Task<IReadOnlyList<TableRow?>> GetManyAsync(string table, IReadOnlyList<TableKey> keys, CancellationToken cancellationToken = default)
    {
        // Point reads issued together (Azure's fastest read; a filter naming many row keys would scan the partition),
        // a bounded number in flight so one document does not open hundreds of connections.
        var client = await TableAsync(table, cancellationToken);
        var rows = new TableRow?[keys.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), new ParallelOptions { MaxDegreeOfParallelism = ReadsInFlight, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var response = await Call(() => client.GetEntityIfExistsAsync<TableEntity>(AzureKeys.Escape(keys[i].PartitionKey), AzureKeys.Escape(keys[i].RowKey), cancellationToken: ct));
            rows[i] = response.HasValue ? ToRow(response.Value!) : null;
        });
        return rows;
    }

    public async Task PutBulkAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureBulk(rows);
        if (rows.Count == 0)
        {
            return;
        }

        // Unconditional upserts (no If-Match), 100 rows of one partition per entity-group transaction, several in flight.
        var client = await TableAsync(table, cancellationToken);
        var groups = rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(TableStoreLimits.MaxBatchRows)).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = TransactionsInFlight, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r))).ToList();
            await Call(() => client.SubmitTransactionAsync(actions, ct));
        });
    }

    public async Task<string> InsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureRow(row);
        var client = await TableAsync(table, cancellationToken);
        try
        {
            var response = await Call(() => client.AddEntityAsync(ToEntity(row), cancellationToken));
            return response.Headers.ETag!.Value.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            throw new StorageConflictException($"Row '{row.PartitionKey}/{row.RowKey}' already exists in '{table}'.", ex);
        }
    }

    public async Task<string> ReplaceAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureRow(row);
        if (row.ETag is null)
        {
            throw new ArgumentException("Replace needs the row's current ETag.", nameof(row));
        }

        var client = await TableAsync(table, cancellationToken);
        try
        {
            var response = await Call(() => client.UpdateEntityAsync(ToEntity(row), new ETag(row.ETag), TableUpdateMode.Replace, cancellationToken));
            return response.Headers.ETag!.Value.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            throw new StorageConflictException($"Row '{row.PartitionKey}/{row.RowKey}' in '{table}' was changed or removed since ETag {row.ETag} was read.", ex);
        }
    }

    public async Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureRow(row);
        var client = await TableAsync(table, cancellationToken);
        var response = await Call(() => client.UpsertEntityAsync(ToEntity(row), TableUpdateMode.Replace, cancellationToken));
        return response.Headers.ETag!.Value.ToString();
    }

    public async Task DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        try
        {
            var response = await Call(() => client.DeleteEntityAsync(AzureKeys.Escape(partitionKey), AzureKeys.Escape(rowKey), etag is null ? ETag.All : new ETag(etag), cancellationToken));
            if (response.Status == (int)HttpStatusCode.NotFound && etag is not null)
            {
                throw new StorageConflictException($"Row '{partitionKey}/{rowKey}' in '{table}' was removed since ETag {etag} was read.");
            }
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound && etag is not null)
        {
            throw new StorageConflictException($"Row '{partitionKey}/{rowKey}' in '{table}' was changed or removed since ETag {etag} was read.", ex);
        }
    }

    public async Task InsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureBatch(rows);
        var client = await TableAsync(table, cancellationToken);
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(r))).ToList();
        try
        {
            await Call(() => client.SubmitTransactionAsync(actions, cancellationToken));
        }
        catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            throw new StorageConflictException($"A row of the batch for partition '{rows[0].PartitionKey}' already exists in '{table}'; nothing was written.", ex);
        }
    }

    public async Task UpsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureBatch(rows);
        var client = await TableAsync(table, cancellationToken);
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r))).ToList();
        await Call(() => client.SubmitTransactionAsync(actions, cancellationToken));
    }

    public async Task WriteAtomicAsync(IReadOnlyList<TableWrite> writes, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureWrites(writes);
        // An entity-group transaction covers one partition of one table: one per group, in the order of each group's first
        // write (GroupBy keeps that order), each started only once the one before it succeeded.
        foreach (var group in writes.GroupBy(w => (w.Table, w.Row.PartitionKey)))
        {
            var client = await TableAsync(group.Key.Table, cancellationToken);
            await SubmitAsync(client, group.Key.Table, group.Key.PartitionKey, group.Select(ToAction).ToList(), cancellationToken);
        }
    }

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, string partitionKey, string? fromRowKey, string? toRowKey, int? limit = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AzureKeys.Escape(partitionKey)}");
        if (fromRowKey is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {AzureKeys.Escape(fromRowKey)}");
        }

        if (toRowKey is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {AzureKeys.Escape(toRowKey)}");
        }

        var remaining = limit ?? int.MaxValue;
        if (remaining <= 0)
        {
            yield break;
        }

        await using var pages = client.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(remaining, 1000), cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await Call(async () => await pages.MoveNextAsync()))
        {
            yield return ToRow(pages.Current);
            if (--remaining == 0)
            {
                yield break;
            }
        }
    }

    private static async Task SubmitAsync(TableClient client, string table, string partition, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        while (actions.Count > 0)
        {
            try
            {
                await Call(() => client.SubmitTransactionAsync(actions, cancellationToken));
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound && ex.FailedTransactionActionIndex is { } failed && actions[failed].ActionType == TableTransactionActionType.Delete)
            {
                // Azure fails a whole transaction on a delete of a missing entity; the seam counts that delete as done.
                actions.RemoveAt(failed);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
            {
                throw new StorageConflictException($"A row inserted in partition '{partition}' of '{table}' already exists; this partition's writes and those after it were not written.", ex);
            }
        }
    }

    private static TableTransactionAction ToAction(TableWrite write) => write.Kind switch
    {
        TableWriteKind.Insert => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(write.Row)),
        TableWriteKind.Upsert => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(write.Row)),
        TableWriteKind.Delete => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(AzureKeys.Escape(write.Row.PartitionKey), AzureKeys.Escape(write.Row.RowKey)), ETag.All),
        _ => throw new ArgumentOutOfRangeException(nameof(write), write.Kind, "Unknown write kind."),
    };

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (AzureFailures.IsUnavailable(ex))
        {
            throw new StorageUnavailableException("Azure Table storage did not answer; nothing was confirmed.", ex);
        }
    }

    private Task<TableClient> TableAsync(string table, CancellationToken cancellationToken)
    {
        TableStoreLimits.EnsureTableName(table);
        var lazy = _tables.GetOrAdd(table, name => new Lazy<Task<TableClient>>(async () =>
        {
            var client = _service.GetTableClient(_prefix + name);
            await Call(() => client.CreateIfNotExistsAsync(CancellationToken.None));
            return client;
        }));
        var task = lazy.Value;
        if (task.IsFaulted)
        {
            // Do not remember a failed creation (storage may have been down): the next call tries again.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(table, lazy));
        }

        return task.WaitAsync(cancellationToken);
    }

    private static TableEntity ToEntity(TableRow row)
    {
        var entity = new TableEntity(AzureKeys.Escape(row.PartitionKey), AzureKeys.Escape(row.RowKey)) { [LengthProperty] = row.Data.Length };
        var chunk = 0;
        for (var offset = 0; offset < row.Data.Length || chunk == 0; offset += ChunkBytes, chunk++)
        {
            entity["D" + chunk] = row.Data.Slice(offset, Math.Min(ChunkBytes, row.Data.Length - offset)).ToArray();
        }

        return entity;
    }

    private static TableRow ToRow(TableEntity entity)
    {
        var length = entity.GetInt32(LengthProperty) ?? 0;
        var data = new byte[length];
        for (int chunk = 0, offset = 0; offset < length; chunk++)
        {
            var part = entity.GetBinary("D" + chunk) ?? throw new InvalidDataException($"Entity '{entity.PartitionKey}/{entity.RowKey}' is missing chunk D{chunk}.");
            part.CopyTo(data, offset);
            offset += part.Length;
        }

        return new TableRow(AzureKeys.Unescape(entity.PartitionKey), AzureKeys.Unescape(entity.RowKey), data, entity.ETag.ToString());
    }
}
