using System.Diagnostics;
using EsgTrace.Storage;
using EsgTrace.Telemetry;

namespace EsgTrace.Hosting.Telemetry;

/// <summary>
/// Counts and times every durable write of the table store it wraps (<see cref="EsgTraceMetrics.DurableWrite"/>), with
/// its outcome; reads pass through untouched.
/// </summary>
public sealed class MeteredTableStore(ITableStore inner, EsgTraceMetrics metrics, string backend) : ITableStore
{
    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        => inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public IAsyncEnumerable<TableRow> QueryAsync(string table, string partitionKey, string? fromRowKey, string? toRowKey, int? limit = null, CancellationToken cancellationToken = default)
        => inner.QueryAsync(table, partitionKey, fromRowKey, toRowKey, limit, cancellationToken);

    public Task<IReadOnlyList<TableRow?>> GetManyAsync(string table, IReadOnlyList<TableKey> keys, CancellationToken cancellationToken = default)
        => inner.GetManyAsync(table, keys, cancellationToken);

    public Task PutBulkAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
        => MeasureAsync("bulk", rows.Count, () => inner.PutBulkAsync(table, rows, cancellationToken));

    public Task<string> InsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
        => MeasureAsync("insert", 1, () => inner.InsertAsync(table, row, cancellationToken));

    public Task<string> ReplaceAsync(string table, TableRow row, CancellationToken cancellationToken = default)
        => MeasureAsync("replace", 1, () => inner.ReplaceAsync(table, row, cancellationToken));

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
        => MeasureAsync("upsert", 1, () => inner.UpsertAsync(table, row, cancellationToken));

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken = default)
        => MeasureAsync("delete", 1, () => inner.DeleteAsync(table, partitionKey, rowKey, etag, cancellationToken));

    public Task InsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
        => MeasureAsync("insert-batch", rows.Count, () => inner.InsertBatchAsync(table, rows, cancellationToken));

    public Task UpsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
        => MeasureAsync("upsert-batch", rows.Count, () => inner.UpsertBatchAsync(table, rows, cancellationToken));

    public Task WriteAtomicAsync(IReadOnlyList<TableWrite> writes, CancellationToken cancellationToken = default)
        => MeasureAsync("atomic", writes.Count, () => inner.WriteAtomicAsync(writes, cancellationToken));

    private async Task MeasureAsync(string operation, int rows, Func<Task> write)
        => await MeasureAsync(operation, rows, async () =>
        {
            await write();
            return true;
        });

    private async Task<T> MeasureAsync<T>(string operation, int rows, Func<Task<T>> write)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await write();
            metrics.DurableWrite(backend, operation, "ok", rows, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception ex)
        {
            metrics.DurableWrite(backend, operation, Outcome(ex), rows, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private static string Outcome(Exception ex) => ex switch
    {
        StorageConflictException => "conflict",
        StorageUnavailableException => "unavailable",
        StorageLimitException => "limit",
        OperationCanceledException => "cancelled",
        _ => "error",
    };
}
