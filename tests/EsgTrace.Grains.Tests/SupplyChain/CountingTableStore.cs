using System.Collections.Concurrent;
using EsgTrace.Storage;

namespace EsgTrace.Grains.Tests.SupplyChain;

/// <summary>
/// The real table store with every write call noted before it is passed on: each is one durable commit to wait for (SQLite
/// commits each call in the group commit under its own savepoint), so the notes count what a grain method costs in writes.
/// Read calls are noted apart (<see cref="Reads"/>: call and table), one note per call however many rows it asks for.
/// </summary>
public sealed class CountingTableStore(ITableStore inner) : ITableStore
{
    private readonly ConcurrentQueue<DurableWrite> _writes = new();

    private readonly ConcurrentQueue<(string Call, string Table)> _reads = new();

    public IReadOnlyList<DurableWrite> Writes => [.. _writes];

    public IReadOnlyList<(string Call, string Table)> Reads => [.. _reads];

    public void Clear()
    {
        _writes.Clear();
        _reads.Clear();
    }

    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        _reads.Enqueue((nameof(GetAsync), table));
        return inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
    }

    public Task<IReadOnlyList<TableRow?>> GetManyAsync(string table, IReadOnlyList<TableKey> keys, CancellationToken cancellationToken = default)
    {
        _reads.Enqueue((nameof(GetManyAsync), table));
        return inner.GetManyAsync(table, keys, cancellationToken);
    }

    public Task PutBulkAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
        => Noted(nameof(PutBulkAsync), rows.Select(r => Name(table, r)).ToList(), () => inner.PutBulkAsync(table, rows, cancellationToken));

    public Task<string> InsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
        => Noted(nameof(InsertAsync), [Name(table, row)], () => inner.InsertAsync(table, row, cancellationToken));

    public Task<string> ReplaceAsync(string table, TableRow row, CancellationToken cancellationToken = default)
        => Noted(nameof(ReplaceAsync), [Name(table, row)], () => inner.ReplaceAsync(table, row, cancellationToken));

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
        => Noted(nameof(UpsertAsync), [Name(table, row)], () => inner.UpsertAsync(table, row, cancellationToken));

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken = default)
        => Noted(nameof(DeleteAsync), [$"{table}/{partitionKey}/{rowKey}"], () => inner.DeleteAsync(table, partitionKey, rowKey, etag, cancellationToken));

    public Task InsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
        => Noted(nameof(InsertBatchAsync), rows.Select(r => Name(table, r)).ToList(), () => inner.InsertBatchAsync(table, rows, cancellationToken));

    public Task UpsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
        => Noted(nameof(UpsertBatchAsync), rows.Select(r => Name(table, r)).ToList(), () => inner.UpsertBatchAsync(table, rows, cancellationToken));

    public Task WriteAtomicAsync(IReadOnlyList<TableWrite> writes, CancellationToken cancellationToken = default)
        => Noted(nameof(WriteAtomicAsync), writes.Select(w => Name(w.Table, w.Row)).ToList(), () => inner.WriteAtomicAsync(writes, cancellationToken));

    public IAsyncEnumerable<TableRow> QueryAsync(string table, string partitionKey, string? fromRowKey, string? toRowKey, int? limit = null, CancellationToken cancellationToken = default)
    {
        _reads.Enqueue((nameof(QueryAsync), table));
        return inner.QueryAsync(table, partitionKey, fromRowKey, toRowKey, limit, cancellationToken);
    }

    private static string Name(string table, TableRow row) => $"{table}/{row.PartitionKey}/{row.RowKey}";

    private Task<T> Noted<T>(string call, IReadOnlyList<string> rows, Func<Task<T>> write)
    {
        _writes.Enqueue(new DurableWrite(call, rows));
        return write();
    }

    private Task Noted(string call, IReadOnlyList<string> rows, Func<Task> write)
    {
        _writes.Enqueue(new DurableWrite(call, rows));
        return write();
    }
}
