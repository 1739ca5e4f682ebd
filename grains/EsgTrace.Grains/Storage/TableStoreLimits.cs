namespace EsgTrace.Storage;

/// <summary>Limits every table-store backend honours, so code written against one runs on the other.</summary>
public static class TableStoreLimits
{
    /// <summary>Rows per atomic batch: Azure Table entity-group transactions take at most 100 operations.</summary>
    public const int MaxBatchRows = 100;

    /// <summary>Payload bytes per row: Azure entities hold at most 1 MiB, of which we use 15 binary properties of 64 KiB.</summary>
    public const int MaxRowBytes = 15 * 64 * 1024;

    /// <summary>Key length in characters: Azure Table keys are at most 1 KiB; escaping may grow a key, so callers keep well under.</summary>
    public const int MaxKeyLength = 512;

    public static void EnsureTableName(string table)
    {
        if (string.IsNullOrEmpty(table) || table.Length > 40 || !char.IsAsciiLetterLower(table[0]) || !table.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException($"Table name '{table}' is invalid: use 1-40 lowercase ASCII letters and digits, starting with a letter.", nameof(table));
        }
    }

    public static void EnsureRow(TableRow row)
    {
        EnsureKey(row.PartitionKey, "partition key");
        EnsureKey(row.RowKey, "row key");
        if (row.Data.Length > MaxRowBytes)
        {
            throw new StorageLimitException($"Row '{row.PartitionKey}/{row.RowKey}' holds {row.Data.Length:N0} bytes; the limit is {MaxRowBytes:N0} bytes per row.");
        }
    }

    public static void EnsureBatch(IReadOnlyList<TableRow> rows)
    {
        if (rows.Count is 0 or > TableStoreLimits.MaxBatchRows)
        {
            throw new StorageLimitException($"A batch holds 1 to {TableStoreLimits.MaxBatchRows} rows; this one holds {rows.Count}.");
        }

        if (rows.Select(r => r.PartitionKey).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            throw new ArgumentException("Every row of a batch must share one partition key.", nameof(rows));
        }

        foreach (var row in rows)
        {
            TableStoreLimits.EnsureRow(row);
        }
    }

    /// <summary>A blind bulk write (<see cref="ITableStore.PutBulkAsync"/>): any number of valid rows, no row written twice.</summary>
    public static void EnsureBulk(IReadOnlyList<TableRow> rows)
    {
        var seen = new HashSet<(string, string)>(rows.Count);
        foreach (var row in rows)
        {
            EnsureRow(row);
            if (!seen.Add((row.PartitionKey, row.RowKey)))
            {
                throw new ArgumentException($"Row '{row.PartitionKey}/{row.RowKey}' is written twice in one bulk write.", nameof(rows));
            }
        }
    }

    /// <summary>An atomic batch: 1 to <see cref="MaxBatchRows"/> writes, valid tables and rows, no row written twice.</summary>
    public static void EnsureWrites(IReadOnlyList<TableWrite> writes)
    {
        if (writes.Count is 0 or > MaxBatchRows)
        {
            throw new StorageLimitException($"An atomic batch holds 1 to {MaxBatchRows} writes; this one holds {writes.Count}.");
        }

        // Azure refuses a transaction that names an entity twice; refusing it everywhere keeps the backends alike.
        var seen = new HashSet<(string, string, string)>();
        foreach (var write in writes)
        {
            EnsureTableName(write.Table);
            EnsureRow(write.Row);
            if (!seen.Add((write.Table, write.Row.PartitionKey, write.Row.RowKey)))
            {
                throw new ArgumentException($"Row '{write.Row.PartitionKey}/{write.Row.RowKey}' of '{write.Table}' is written twice in one batch.", nameof(writes));
            }
        }
    }

    public static void EnsureKey(string key, string what)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > MaxKeyLength)
        {
            throw new StorageLimitException($"The {what} is {key.Length} characters long; the limit is {MaxKeyLength}.");
        }
    }
}
