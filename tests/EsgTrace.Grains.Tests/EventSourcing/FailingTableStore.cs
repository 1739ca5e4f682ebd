using EsgTrace.Storage;

namespace EsgTrace.Grains.Tests.EventSourcing;

/// <summary>Whether an injected failure stops a write before it reaches the store, or after it (the write landed, its answer was lost).</summary>
public enum InjectedFailure
{
    BeforeWrite,
    AfterWrite,
}

/// <summary>
/// The real table store, with one failure injected on demand: once armed, the first write call that reaches the event log
/// passes, the next <c>skip</c> write calls pass too, and the one after fails with <see cref="StorageUnavailableException"/>
/// (before or after it is passed on). Deterministic: the grains under test write one call after another.
/// </summary>
public sealed class FailingTableStore(ITableStore inner) : ITableStore
{
    public const string EventLogTable = "eventlog";

    private readonly Lock _gate = new();
    private int? _skip;
    private bool _eventSeen;
    private InjectedFailure _mode;

    /// <summary>Whether the armed failure happened.</summary>
    public bool Fired { get; private set; }

    /// <summary>The table of the write that failed.</summary>
    public string? FailedTable { get; private set; }

    public void FailAfterNextEvent(int skip, InjectedFailure mode)
    {
        lock (_gate)
        {
            (_skip, _eventSeen, _mode, Fired, FailedTable) = (skip, false, mode, false, null);
        }
    }

    public void Disarm()
    {
        lock (_gate)
        {
            _skip = null;
        }
    }

    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        => inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public IAsyncEnumerable<TableRow> QueryAsync(string table, string partitionKey, string? fromRowKey, string? toRowKey, int? limit = null, CancellationToken cancellationToken = default)
        => inner.QueryAsync(table, partitionKey, fromRowKey, toRowKey, limit, cancellationToken);

    public Task<string> InsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
        => WriteAsync([table], () => inner.InsertAsync(table, row, cancellationToken));

    public Task<string> ReplaceAsync(string table, TableRow row, CancellationToken cancellationToken = default)
        => WriteAsync([table], () => inner.ReplaceAsync(table, row, cancellationToken));

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
        => WriteAsync([table], () => inner.UpsertAsync(table, row, cancellationToken));

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken = default)
        => WriteAsync([table], async () => { await inner.DeleteAsync(table, partitionKey, rowKey, etag, cancellationToken); return true; });

    public Task InsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
        => WriteAsync([table], async () => { await inner.InsertBatchAsync(table, rows, cancellationToken); return true; });

    public Task UpsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
        => WriteAsync([table], async () => { await inner.UpsertBatchAsync(table, rows, cancellationToken); return true; });

    public Task WriteAtomicAsync(IReadOnlyList<TableWrite> writes, CancellationToken cancellationToken = default)
        => WriteAsync(writes.Select(w => w.Table).ToList(), async () => { await inner.WriteAtomicAsync(writes, cancellationToken); return true; });

    private async Task<T> WriteAsync<T>(IReadOnlyList<string> tables, Func<Task<T>> write)
    {
        var fail = false;
        lock (_gate)
        {
            if (_skip is { } skip)
            {
                if (!_eventSeen)
                {
                    _eventSeen = tables.Contains(EventLogTable);
                }
                else if (skip > 0)
                {
                    _skip = skip - 1;
                }
                else
                {
                    (fail, _skip, Fired, FailedTable) = (true, null, true, string.Join(",", tables.Distinct()));
                }
            }
        }

        if (fail && _mode == InjectedFailure.BeforeWrite)
        {
            throw new StorageUnavailableException($"Injected failure before a write to {FailedTable}.");
        }

        var result = await write();
        return fail ? throw new StorageUnavailableException($"Injected failure after a write to {FailedTable}.") : result;
    }
}
