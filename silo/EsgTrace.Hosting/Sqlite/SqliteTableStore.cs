using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EsgTrace.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsgTrace.Hosting.Sqlite;

/// <summary>
/// The embedded table store: one SQLite database in WAL mode with synchronous=FULL, so a write acknowledged to the caller
/// survives a process or machine crash. Writes go through a single writer that commits every write waiting at that moment
/// in one transaction (group commit: one fsync for many writes); each write runs under its own savepoint, so a write whose
/// precondition fails changes nothing and does not disturb the others. Reads use pooled connections and never wait for the writer.
/// </summary>
public sealed partial class SqliteTableStore : ITableStore, IAsyncDisposable, IDisposable
{
    private readonly string _connectionString;
    private readonly int _maxWritesPerCommit;
    private readonly Channel<SqliteWrite> _writes = Channel.CreateUnbounded<SqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, bool> _knownTables = new();
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly Task _writer;
    private readonly ILogger<SqliteTableStore> _logger;

    public SqliteTableStore(IOptions<SqliteTableStoreOptions> options, ILogger<SqliteTableStore> logger)
    {
        _logger = logger;
        var path = Path.GetFullPath(options.Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _maxWritesPerCommit = Math.Max(1, options.Value.MaxWritesPerCommit);
        using (var connection = Open())
        {
            Execute(connection, "PRAGMA journal_mode=WAL;");
        }

        _writer = Task.Run(WriteLoopAsync);
    }

    public string DatabasePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public async Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(table, cancellationToken);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT data, etag FROM {table} WHERE pk = $pk AND rk = $rk";
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$rk", rowKey);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return reader.Read() ? new TableRow(partitionKey, rowKey, (byte[])reader[0], ETagOf(reader.GetString(1))) : null;
    }

    public async Task<IReadOnlyList<TableRow?>> GetManyAsync(string table, IReadOnlyList<TableKey> keys, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(table, cancellationToken);
        var rows = new TableRow?[keys.Count];
        if (keys.Count == 0)
        {
            return rows;
        }

        // One connection and one prepared statement for every key: a primary-key probe each, no per-row open or parse.
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT data, etag FROM {table} WHERE pk = $pk AND rk = $rk";
        var pk = command.Parameters.Add("$pk", SqliteType.Text);
        var rk = command.Parameters.Add("$rk", SqliteType.Text);
        command.Prepare();
        for (var i = 0; i < keys.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pk.Value = keys[i].PartitionKey;
            rk.Value = keys[i].RowKey;
            using var reader = command.ExecuteReader();
            rows[i] = reader.Read() ? new TableRow(keys[i].PartitionKey, keys[i].RowKey, (byte[])reader[0], ETagOf(reader.GetString(1))) : null;
        }

        return rows;
    }

    public async Task PutBulkAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureBulk(rows);
        if (rows.Count == 0)
        {
            return;
        }

        await EnsureTableAsync(table, cancellationToken);
        // One write of the group commit (one savepoint: all or nothing), one prepared statement, no ETag per row: the empty
        // token costs one byte, where a GUID cost 33 on every index row.
        await EnqueueAsync(connection => UpsertRows(connection, table, rows, withETags: false));
    }

    public async Task<string> InsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureRow(row);
        await EnsureTableAsync(table, cancellationToken);
        return (await EnqueueAsync(connection => InsertRow(connection, table, row)))!;
    }

    public async Task<string> ReplaceAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureRow(row);
        if (row.ETag is null)
        {
            throw new ArgumentException("Replace needs the row's current ETag.", nameof(row));
        }

        await EnsureTableAsync(table, cancellationToken);
        return (await EnqueueAsync(connection =>
        {
            var etag = NewETag();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE {table} SET data = $data, etag = $new WHERE pk = $pk AND rk = $rk AND etag = $old";
            command.Parameters.AddWithValue("$pk", row.PartitionKey);
            command.Parameters.AddWithValue("$rk", row.RowKey);
            command.Parameters.AddWithValue("$data", row.Data.ToArray());
            command.Parameters.AddWithValue("$new", etag);
            command.Parameters.AddWithValue("$old", row.ETag);
            if (command.ExecuteNonQuery() != 1)
            {
                throw new StorageConflictException($"Row '{row.PartitionKey}/{row.RowKey}' in '{table}' was changed or removed since ETag {row.ETag} was read.");
            }

            return etag;
        }))!;
    }

    public async Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureRow(row);
        await EnsureTableAsync(table, cancellationToken);
        return (await EnqueueAsync(connection => UpsertRow(connection, table, row)))!;
    }

    public async Task DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(table, cancellationToken);
        await EnqueueAsync(connection =>
        {
            if (!DeleteRow(connection, table, partitionKey, rowKey, etag) && etag is not null)
            {
                throw new StorageConflictException($"Row '{partitionKey}/{rowKey}' in '{table}' was changed or removed since ETag {etag} was read.");
            }

            return null;
        });
    }

    public async Task InsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureBatch(rows);
        await EnsureTableAsync(table, cancellationToken);
        await EnqueueAsync(connection =>
        {
            // The whole batch runs under this write's savepoint: the first conflict rolls every row of it back.
            foreach (var row in rows)
            {
                InsertRow(connection, table, row);
            }

            return null;
        });
    }

    public async Task UpsertBatchAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureBatch(rows);
        await EnsureTableAsync(table, cancellationToken);
        await EnqueueAsync(connection => UpsertRows(connection, table, rows, withETags: true));
    }

    /// <summary>
    /// Upserts the rows with one prepared statement, each with a new ETag or (blind bulk writes) with the empty one, in key
    /// order: neighbouring keys share B-tree pages, so a document's rows visit each page once instead of hopping between
    /// them. The sort is stable, so a key given twice still keeps its later row.
    /// </summary>
    private static string? UpsertRows(SqliteConnection connection, string table, IReadOnlyList<TableRow> rows, bool withETags)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} (pk, rk, data, etag) VALUES ($pk, $rk, $data, $etag) ON CONFLICT (pk, rk) DO UPDATE SET data = excluded.data, etag = excluded.etag";
        var pk = command.Parameters.Add("$pk", SqliteType.Text);
        var rk = command.Parameters.Add("$rk", SqliteType.Text);
        var data = command.Parameters.Add("$data", SqliteType.Blob);
        var etag = command.Parameters.Add("$etag", SqliteType.Text);
        etag.Value = string.Empty;
        command.Prepare();
        foreach (var row in rows.Order(TableRowKeyOrder.Instance))
        {
            pk.Value = row.PartitionKey;
            rk.Value = row.RowKey;
            data.Value = Bytes(row.Data);
            if (withETags)
            {
                etag.Value = NewETag();
            }

            command.ExecuteNonQuery();
        }

        return null;
    }

    public async Task WriteAtomicAsync(IReadOnlyList<TableWrite> writes, CancellationToken cancellationToken = default)
    {
        TableStoreLimits.EnsureWrites(writes);
        foreach (var table in writes.Select(w => w.Table).Distinct(StringComparer.Ordinal))
        {
            await EnsureTableAsync(table, cancellationToken);
        }

        await EnqueueAsync(connection =>
        {
            // One write of the group commit, so one savepoint: the first failed insert rolls every row of the batch back.
            foreach (var write in writes)
            {
                switch (write.Kind)
                {
                    case TableWriteKind.Insert:
                        InsertRow(connection, write.Table, write.Row);
                        break;
                    case TableWriteKind.Upsert:
                        UpsertRow(connection, write.Table, write.Row);
                        break;
                    case TableWriteKind.Delete:
                        DeleteRow(connection, write.Table, write.Row.PartitionKey, write.Row.RowKey);
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(writes), write.Kind, "Unknown write kind.");
                }
            }

            return null;
        });
    }

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, string partitionKey, string? fromRowKey, string? toRowKey, int? limit = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(table, cancellationToken);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rk, data, etag FROM {table} WHERE pk = $pk"
            + (fromRowKey is null ? string.Empty : " AND rk >= $from")
            + (toRowKey is null ? string.Empty : " AND rk < $to")
            + " ORDER BY rk" + (limit is null ? string.Empty : " LIMIT $limit");
        command.Parameters.AddWithValue("$pk", partitionKey);
        if (fromRowKey is not null)
        {
            command.Parameters.AddWithValue("$from", fromRowKey);
        }

        if (toRowKey is not null)
        {
            command.Parameters.AddWithValue("$to", toRowKey);
        }

        if (limit is not null)
        {
            command.Parameters.AddWithValue("$limit", limit.Value);
        }

        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new TableRow(partitionKey, reader.GetString(0), (byte[])reader[1], ETagOf(reader.GetString(2)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Let every queued write commit, then release the database file (pooled connections included).
        _writes.Writer.TryComplete();
        await _writer;
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
    }

    // Hosts disposed synchronously (the DI container's Dispose) must still drain the writer and close the file.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static string InsertRow(SqliteConnection connection, string table, TableRow row)
    {
        var (etag, written) = PutRow(connection, table, row, "DO NOTHING");
        return written == 1 ? etag : throw new StorageConflictException($"Row '{row.PartitionKey}/{row.RowKey}' already exists in '{table}'.");
    }

    private static string UpsertRow(SqliteConnection connection, string table, TableRow row)
        => PutRow(connection, table, row, "DO UPDATE SET data = excluded.data, etag = excluded.etag").ETag;

    /// <summary>Inserts the row with a new ETag; <paramref name="onConflict"/> says what an existing row gets. Returns the ETag and the rows written.</summary>
    private static (string ETag, int Written) PutRow(SqliteConnection connection, string table, TableRow row, string onConflict)
    {
        var etag = NewETag();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} (pk, rk, data, etag) VALUES ($pk, $rk, $data, $etag) ON CONFLICT (pk, rk) {onConflict}";
        command.Parameters.AddWithValue("$pk", row.PartitionKey);
        command.Parameters.AddWithValue("$rk", row.RowKey);
        command.Parameters.AddWithValue("$data", row.Data.ToArray());
        command.Parameters.AddWithValue("$etag", etag);
        return (etag, command.ExecuteNonQuery());
    }

    /// <summary>True when a row was deleted; with an ETag, only a row that still carries it.</summary>
    private static bool DeleteRow(SqliteConnection connection, string table, string partitionKey, string rowKey, string? etag = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = etag is null
            ? $"DELETE FROM {table} WHERE pk = $pk AND rk = $rk"
            : $"DELETE FROM {table} WHERE pk = $pk AND rk = $rk AND etag = $etag";
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$rk", rowKey);
        if (etag is not null)
        {
            command.Parameters.AddWithValue("$etag", etag);
        }

        return command.ExecuteNonQuery() == 1;
    }

    // Unique across restarts and deletions, so a stale ETag never matches a re-created row.
    private static string NewETag() => Guid.NewGuid().ToString("N");

    /// <summary>A row written blind (<see cref="PutBulkAsync"/>) stores no token; it reads back without one, so no conditional write can match it.</summary>
    private static string? ETagOf(string stored) => stored.Length == 0 ? null : stored;

    /// <summary>The payload as the array SQLite binds, without a copy when it already is a whole array.</summary>
    private static byte[] Bytes(ReadOnlyMemory<byte> data)
        => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : data.ToArray();

    private Task<string?> EnqueueAsync(Func<SqliteConnection, string?> apply)
    {
        var write = new SqliteWrite(apply);
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteTableStore));
        }

        return write.Completion;
    }

    private async Task WriteLoopAsync()
    {
        using var connection = Open();
        // FULL, not NORMAL: in WAL mode NORMAL syncs only at checkpoints, so a commit already acknowledged could vanish
        // when the machine (not just the process) dies. With the group commit one fsync serves every waiting write (a whole
        // EPCIS document of ~10,000 rows), so FULL costs little.
        Execute(connection, "PRAGMA synchronous=FULL;");
        // 128 MiB of page cache for the one writer (SQLite's default is 2 MiB): the leaves it updates are spread over every
        // lot's ledger, every list and the EPCIS id rows, and re-reading them from the OS on each commit cost more than the
        // writes. Checkpoints every 8,192 pages (32 MiB of WAL, SQLite's default is 1,000): an EPCIS document alone dirties
        // more than 1,000 pages, so the default ran a checkpoint (and its fsync of the database) after nearly every commit.
        // The WAL file is truncated back to 64 MiB after a checkpoint.
        Execute(connection, "PRAGMA cache_size=-131072; PRAGMA wal_autocheckpoint=8192; PRAGMA journal_size_limit=67108864;");
        var batch = new List<SqliteWrite>(_maxWritesPerCommit);
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxWritesPerCommit && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                Commit(connection, batch);
                foreach (var write in batch)
                {
                    write.Complete();
                }
            }
            catch (Exception ex)
            {
                LogCommitFailed(_logger, ex, batch.Count);
                foreach (var write in batch)
                {
                    write.Fail(new StorageUnavailableException("The embedded store could not commit the write.", ex));
                }
            }
        }
    }

    private static void Commit(SqliteConnection connection, List<SqliteWrite> batch)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var write in batch)
        {
            transaction.Save("w");
            write.Apply(connection);
            if (write.Failure is null)
            {
                transaction.Release("w");
            }
            else
            {
                transaction.Rollback("w");
                transaction.Release("w");
            }
        }

        transaction.Commit();
    }

    private async ValueTask EnsureTableAsync(string table, CancellationToken cancellationToken)
    {
        if (_knownTables.ContainsKey(table))
        {
            return;
        }

        TableStoreLimits.EnsureTableName(table);
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (!_knownTables.ContainsKey(table))
            {
                using var connection = Open();
                Execute(connection, $"CREATE TABLE IF NOT EXISTS {table} (pk TEXT NOT NULL, rk TEXT NOT NULL, data BLOB NOT NULL, etag TEXT NOT NULL, PRIMARY KEY (pk, rk)) WITHOUT ROWID;");
                _knownTables[table] = true;
            }
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Reads through a memory map of up to 1 GiB of the database file (address space, not memory): a point read or scan
        // copies nothing through the read() system call. Pages still in the WAL are read from it as before.
        Execute(connection, "PRAGMA busy_timeout=30000; PRAGMA mmap_size=1073741824;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The embedded store failed to commit {Count} writes")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int count);
}
