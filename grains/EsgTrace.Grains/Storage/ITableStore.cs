namespace EsgTrace.Storage;

/// <summary>
/// The low-level storage seam: named tables of rows keyed by (partition, row), with optimistic concurrency by ETag
/// and atomic multi-row inserts within one partition. Implemented on SQLite (embedded) and Azure Table storage.
/// </summary>
/// <remarks>
/// Table names are lowercase ASCII letters and digits. Keys may hold any text; backends escape what they cannot store.
/// Write methods throw <see cref="StorageConflictException"/> when the ETag or the existence precondition fails,
/// and change nothing in that case.
/// </remarks>
public interface ITableStore
{
    /// <summary>Reads one row, or null when it does not exist.</summary>
    Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads many rows of one table, of any partitions, as one query: the answer has one entry per key, in the order of
    /// <paramref name="keys"/>, null where the row does not exist. SQLite: one connection and one prepared statement;
    /// Azure: point reads issued together. (The default reads one row after another, for decorators that add nothing.)
    /// </summary>
    async Task<IReadOnlyList<TableRow?>> GetManyAsync(string table, IReadOnlyList<TableKey> keys, CancellationToken cancellationToken = default)
    {
        var rows = new TableRow?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            rows[i] = await GetAsync(table, keys[i].PartitionKey, keys[i].RowKey, cancellationToken);
        }

        return rows;
    }

    /// <summary>
    /// A blind bulk write: creates or overwrites any number of rows of one table, of any partitions, each at most once, with
    /// no concurrency token (for rows nobody replaces conditionally: index entries, bulk-loaded records). Repeating it is
    /// harmless. SQLite: all or nothing, one write of the group commit; the rows carry no ETag (read back with a null one).
    /// Azure: one entity-group transaction per 100 rows of a partition, submitted together; a failure may leave some of
    /// them written, so callers take back or repeat the whole write. Every row is checked against the limits before
    /// anything is written.
    /// </summary>
    async Task PutBulkAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureBulk(rows);
        await Task.WhenAll(rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(TableStoreLimits.MaxBatchRows))
            .Select(chunk => UpsertBatchAsync(table, chunk, cancellationToken)));
    }

    /// <summary>Creates a row that must not exist yet; returns its new ETag.</summary>
    Task<string> InsertAsync(string table, TableRow row, CancellationToken cancellationToken = default);

    /// <summary>Replaces a row whose current ETag must equal <see cref="TableRow.ETag"/>; returns the new ETag.</summary>
    Task<string> ReplaceAsync(string table, TableRow row, CancellationToken cancellationToken = default);

    /// <summary>Creates or overwrites a row unconditionally; returns the new ETag.</summary>
    Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default);

    /// <summary>Deletes a row; with an ETag the row must still carry it. Deleting a missing row without an ETag is not an error.</summary>
    Task DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken = default);

    /// <summary>Inserts up to <see cref="TableStoreLimits.MaxBatchRows"/> new rows of one partition atomically: all or none.</summary>
    Task InsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Creates or overwrites up to <see cref="TableStoreLimits.MaxBatchRows"/> rows of one partition atomically: all or none. Repeating it is harmless (bulk writes that may be resumed).</summary>
    Task UpsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies up to <see cref="TableStoreLimits.MaxBatchRows"/> writes to any tables and partitions, in order, each row at most once.
    /// SQLite: all or nothing in one transaction; an insert whose row exists fails the whole batch with
    /// <see cref="StorageConflictException"/> and changes nothing. Azure Tables: a transaction covers one partition of one table,
    /// so the writes run as one entity-group transaction per (table, partition), in the order of each group's first write; a
    /// failure stops there and leaves the groups before it written. Callers therefore put the write that carries the
    /// precondition (an event-log insert) first and make the rest idempotent follow-ups they can finish on a retry or on
    /// reactivation (the pending/retry semantics every grain already has for its follow-ups).
    /// </summary>
    /// <exception cref="StorageConflictException">An insert found its row (SQLite: nothing written; Azure: that group and the ones after it not written).</exception>
    /// <exception cref="StorageUnavailableException">The backend did not answer; the outcome is unknown.</exception>
    Task WriteAtomicAsync(IReadOnlyList<TableWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>Rows of one partition with <paramref name="fromRowKey"/> ≤ row key &lt; <paramref name="toRowKey"/> (null: unbounded), in ascending row-key order.</summary>
    IAsyncEnumerable<TableRow> QueryAsync(string table, string partitionKey, string? fromRowKey, string? toRowKey, int? limit = null, CancellationToken cancellationToken = default);
}
