namespace EsgTrace.Storage;

/// <summary>
/// Range-scannable secondary indexes: within an index, entries are grouped in partitions and ordered by key.
/// Lists (users, suppliers, shipments, audit records) live here rather than in an ever-growing grain state.
/// </summary>
public interface IIndexStore
{
    /// <summary>Creates or overwrites an entry.</summary>
    Task PutAsync(string index, string partition, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Creates or overwrites up to <see cref="TableStoreLimits.MaxBatchRows"/> entries of one partition atomically.</summary>
    Task PutBatchAsync(string index, string partition, IReadOnlyList<IndexEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or overwrites any number of entries of one index, of any partitions, blind: no concurrency token, each
    /// (partition, key) at most once. The store's <see cref="ITableStore.PutBulkAsync"/>: all or nothing on SQLite; on Azure
    /// a failure may leave some written, so callers take back or repeat the whole write.
    /// </summary>
    Task PutManyAsync(string index, IReadOnlyList<IndexRow> entries, CancellationToken cancellationToken = default);

    /// <summary>Creates an entry that must not exist (append-only indexes such as the audit trail).</summary>
    /// <exception cref="StorageConflictException">The key is taken.</exception>
    Task AddAsync(string index, string partition, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary><see cref="PutAsync"/> as a table write, to commit in one batch with others (<see cref="ITableStore.WriteAtomicAsync"/>).</summary>
    TableWrite PutWrite(string index, string partition, string key, ReadOnlyMemory<byte> value);

    /// <summary><see cref="AddAsync"/> as a table write: the batch fails if the key is taken.</summary>
    TableWrite AddWrite(string index, string partition, string key, ReadOnlyMemory<byte> value);

    /// <summary><see cref="RemoveAsync"/> as a table write.</summary>
    TableWrite RemoveWrite(string index, string partition, string key);

    /// <summary>One entry's value, or null.</summary>
    Task<ReadOnlyMemory<byte>?> GetAsync(string index, string partition, string key, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry if present.</summary>
    Task RemoveAsync(string index, string partition, string key, CancellationToken cancellationToken = default);

    /// <summary>A page of entries with key &gt; <paramref name="afterKey"/> (null: from the start) and key &lt; <paramref name="beforeKey"/> (null: to the end).</summary>
    Task<IndexPage> ScanAsync(string index, string partition, string? afterKey, string? beforeKey, int pageSize, CancellationToken cancellationToken = default);
}

/// <summary>One index entry.</summary>
public sealed record IndexEntry(string Key, ReadOnlyMemory<byte> Value);

/// <summary>One entry of a bulk write, with its partition.</summary>
public sealed record IndexRow(string Partition, string Key, ReadOnlyMemory<byte> Value);

/// <summary>A page of an index scan; <see cref="NextAfterKey"/> continues the scan, null at the end.</summary>
public sealed record IndexPage(IReadOnlyList<IndexEntry> Entries, string? NextAfterKey);
