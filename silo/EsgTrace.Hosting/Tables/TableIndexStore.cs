using EsgTrace.Storage;

namespace EsgTrace.Hosting.Tables;

/// <summary>Secondary indexes on a table store: one table per index, named "ix" + the index name; partition and key as given.</summary>
public sealed class TableIndexStore(ITableStore store) : IIndexStore
{
    public Task PutAsync(string index, string partition, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
        => store.UpsertAsync(Table(index), new TableRow(partition, key, value), cancellationToken);

    public Task PutBatchAsync(string index, string partition, IReadOnlyList<IndexEntry> entries, CancellationToken cancellationToken = default)
        => store.UpsertBatchAsync(Table(index), entries.Select(e => new TableRow(partition, e.Key, e.Value)).ToList(), cancellationToken);

    public Task PutManyAsync(string index, IReadOnlyList<IndexRow> entries, CancellationToken cancellationToken = default)
        => store.PutBulkAsync(Table(index), entries.Select(e => new TableRow(e.Partition, e.Key, e.Value)).ToList(), cancellationToken);

    public Task AddAsync(string index, string partition, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
        => store.InsertAsync(Table(index), new TableRow(partition, key, value), cancellationToken);

    public TableWrite PutWrite(string index, string partition, string key, ReadOnlyMemory<byte> value) => TableWrite.Upsert(Table(index), new TableRow(partition, key, value));

    public TableWrite AddWrite(string index, string partition, string key, ReadOnlyMemory<byte> value) => TableWrite.Insert(Table(index), new TableRow(partition, key, value));

    public TableWrite RemoveWrite(string index, string partition, string key) => TableWrite.Delete(Table(index), partition, key);

    public async Task<ReadOnlyMemory<byte>?> GetAsync(string index, string partition, string key, CancellationToken cancellationToken = default)
        => (await store.GetAsync(Table(index), partition, key, cancellationToken))?.Data;

    public Task RemoveAsync(string index, string partition, string key, CancellationToken cancellationToken = default)
        => store.DeleteAsync(Table(index), partition, key, etag: null, cancellationToken);

    public async Task<IndexPage> ScanAsync(string index, string partition, string? afterKey, string? beforeKey, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        // Scan from afterKey inclusive and drop it: the same on every backend, whatever characters keys hold.
        var entries = new List<IndexEntry>(pageSize + 1);
        await foreach (var row in store.QueryAsync(Table(index), partition, afterKey, beforeKey, pageSize + 2, cancellationToken))
        {
            if (afterKey is null || !string.Equals(row.RowKey, afterKey, StringComparison.Ordinal))
            {
                entries.Add(new IndexEntry(row.RowKey, row.Data));
            }
        }

        var more = entries.Count > pageSize;
        if (more)
        {
            entries.RemoveRange(pageSize, entries.Count - pageSize);
        }

        return new IndexPage(entries, more ? entries[^1].Key : null);
    }

    private static string Table(string index)
    {
        var table = "ix" + index;
        TableStoreLimits.EnsureTableName(table);
        return table;
    }
}
