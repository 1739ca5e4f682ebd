using System.Globalization;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// Usage records on the table store, not in grain state: table "usagelog", one partition per workload, one row per chunk of
/// up to <see cref="MaxRowsPerChunk"/> records of one month (by period start), keyed
/// "{yyyyMM}.{order:D19}.{batch}.{chunk:D6}" so a workload's records are a range scan by month, in the order they were
/// recorded. Append-only: rows are written blind with keys that depend only on the batch and the file, so writing a batch
/// again (a resumed import) writes the same rows. Reading keeps, for each period and source key, the record written last.
/// </summary>
public sealed class UsageLog(ITableStore tables)
{
    public const string Table = "usagelog";

    /// <summary>Records per log row (~120 bytes each, far under a row's 960 KiB).</summary>
    public const int MaxRowsPerChunk = 512;

    /// <summary>The key of one chunk: month, ordering ticks (the batch's accepted time), batch and chunk number.</summary>
    public static string Key(LocalDate periodStart, long orderTicks, string batch, int chunk)
        => string.Create(CultureInfo.InvariantCulture, $"{periodStart.Year:D4}{periodStart.Month:D2}.{orderTicks:D19}.{batch}.{chunk:D6}");

    public static TableRow Row(string workloadId, string key, IReadOnlyList<UsageRow> rows) => new(workloadId, key, UsageRecordCodec.Encode(rows));

    /// <summary>Writes chunk rows of any workloads blind, in one bulk write.</summary>
    public Task WriteAsync(IReadOnlyList<TableRow> rows, CancellationToken cancellationToken = default) => tables.PutBulkAsync(Table, rows, cancellationToken);

    /// <summary>A workload's current records (the last written per period and source key), ordered by period.</summary>
    public async Task<List<UsageRow>> ReadAsync(string workloadId, IEnumerable<UsageRow>? earlier = null, CancellationToken cancellationToken = default)
    {
        var current = new Dictionary<(LocalDate, LocalDate, string), UsageRow>();
        foreach (var row in earlier ?? [])
        {
            current[(row.PeriodStart, row.PeriodEnd, row.SourceKey ?? string.Empty)] = row;
        }

        await foreach (var chunk in tables.QueryAsync(Table, workloadId, null, null, cancellationToken: cancellationToken))
        {
            foreach (var row in UsageRecordCodec.Decode(workloadId, chunk.Data))
            {
                current[(row.PeriodStart, row.PeriodEnd, row.SourceKey ?? string.Empty)] = row;
            }
        }

        return current.Values.OrderBy(u => u.PeriodStart).ThenBy(u => u.PeriodEnd).ThenBy(u => u.SourceKey, StringComparer.Ordinal).ToList();
    }
}
