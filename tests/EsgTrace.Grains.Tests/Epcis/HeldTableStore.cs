using EsgTrace.Storage;

namespace EsgTrace.Grains.Tests.Epcis;

/// <summary>
/// The real table store, with its next bulk write to one table held until the test lets it go on or fail: a document's
/// write stays "in flight" for as long as the test needs. Reads pass at once; the existence queries are counted.
/// </summary>
public sealed class HeldTableStore(ITableStore inner, string heldTable) : ITableStore
{
    private TaskCompletionSource<bool>? _gate;
    private TaskCompletionSource<bool>? _held;

    public int MultiGets { get; private set; }

    /// <summary>Completes when the held write has arrived.</summary>
    public TaskCompletionSource Arrived { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds the next bulk write to the table.</summary>
    public void HoldNext()
    {
        _gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _held = _gate;
        Arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets the held write go on (true) or fail as an outage (false).</summary>
    public void Release(bool succeed) => _held!.SetResult(succeed);

    public async Task PutBulkAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
    {
        if (table == heldTable && _gate is { } gate)
        {
            _gate = null;
            Arrived.SetResult();
            if (!await gate.Task)
            {
                throw new StorageUnavailableException("held write failed by the test", new IOException("injected"));
            }
        }

        await inner.PutBulkAsync(table, rows, cancellationToken);
    }

    public Task<IReadOnlyList<TableRow?>> GetManyAsync(string table, IReadOnlyList<TableKey> keys, CancellationToken cancellationToken = default)
    {
        MultiGets++;
        return inner.GetManyAsync(table, keys, cancellationToken);
    }

    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) => inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public Task<string> InsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) => inner.InsertAsync(table, row, cancellationToken);

    public Task<string> ReplaceAsync(string table, TableRow row, CancellationToken cancellationToken = default) => inner.ReplaceAsync(table, row, cancellationToken);

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) => inner.UpsertAsync(table, row, cancellationToken);

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken = default) => inner.DeleteAsync(table, partitionKey, rowKey, etag, cancellationToken);

    public Task InsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default) => inner.InsertBatchAsync(table, rows, cancellationToken);

    public Task UpsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default) => inner.UpsertBatchAsync(table, rows, cancellationToken);

    public Task WriteAtomicAsync(IReadOnlyList<TableWrite> writes, CancellationToken cancellationToken = default) => inner.WriteAtomicAsync(writes, cancellationToken);

    public IAsyncEnumerable<TableRow> QueryAsync(string table, string partitionKey, string? fromRowKey, string? toRowKey, int? limit = null, CancellationToken cancellationToken = default)
        => inner.QueryAsync(table, partitionKey, fromRowKey, toRowKey, limit, cancellationToken);
}
