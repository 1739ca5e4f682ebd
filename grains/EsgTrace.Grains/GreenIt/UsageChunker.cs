using EsgTrace.Storage;

namespace EsgTrace.GreenIt;

/// <summary>
/// Groups a batch's usage rows into usage-log chunks: per workload, consecutive rows of one month, up to
/// <see cref="UsageLog.MaxRowsPerChunk"/>; a chunk closes when it is full, when its workload's next row is of another month,
/// or when more than <see cref="MaxBufferedRows"/> rows wait across all workloads (then every open chunk closes). Every
/// decision depends only on the rows, so the same file gives the same chunks and keys again (a resumed import rewrites them).
/// Keeps one small summary per workload (rows, first and last day, where its first row ran).
/// </summary>
public sealed class UsageChunker(string batch, long orderTicks)
{
    /// <summary>Rows held in open chunks at most, across all workloads.</summary>
    public const int MaxBufferedRows = 50_000;

    private readonly Dictionary<string, Open> _open = new(StringComparer.Ordinal);
    private int _buffered;

    /// <summary>Per workload: the rows it got in this batch, their first and last day, and where its first row ran.</summary>
    public Dictionary<string, UsageBatchSummary> Summaries
        => _open.ToDictionary(o => o.Key, o => new UsageBatchSummary(o.Value.Total, o.Value.First, o.Value.Last, o.Value.Provider, o.Value.Region), StringComparer.Ordinal);

    /// <summary>Adds a row; chunks it closes are appended to <paramref name="ready"/>, with their record counts.</summary>
    public void Add(UsageRow row, List<TableRow> ready, ref long readyRecords)
    {
        if (!_open.TryGetValue(row.WorkloadId, out var open))
        {
            _open[row.WorkloadId] = open = new Open { First = row.PeriodStart, Last = row.PeriodEnd, Provider = row.Provider, Region = row.Region };
        }

        if (open.Rows.Count > 0 && (open.Rows.Count == UsageLog.MaxRowsPerChunk || open.Month != Month(row)))
        {
            Close(row.WorkloadId, open, ready, ref readyRecords);
        }

        if (open.Rows.Count == 0)
        {
            open.Month = Month(row);
        }

        open.Rows.Add(row);
        _buffered++;
        open.Total++;
        if (row.PeriodStart < open.First)
        {
            open.First = row.PeriodStart;
        }

        if (row.PeriodEnd > open.Last)
        {
            open.Last = row.PeriodEnd;
        }

        if (_buffered > MaxBufferedRows)
        {
            CloseAll(ready, ref readyRecords);
        }
    }

    /// <summary>Closes every open chunk (at the end of the batch).</summary>
    public void CloseAll(List<TableRow> ready, ref long readyRecords)
    {
        foreach (var (workload, open) in _open)
        {
            if (open.Rows.Count > 0)
            {
                Close(workload, open, ready, ref readyRecords);
            }
        }
    }

    private void Close(string workload, Open open, List<TableRow> ready, ref long readyRecords)
    {
        ready.Add(UsageLog.Row(workload, UsageLog.Key(open.Rows[0].PeriodStart, orderTicks, batch, open.Chunks++), open.Rows));
        readyRecords += open.Rows.Count;
        _buffered -= open.Rows.Count;
        open.Rows.Clear();
    }

    private static int Month(UsageRow row) => (row.PeriodStart.Year * 100) + row.PeriodStart.Month;

    private sealed class Open
    {
        public List<UsageRow> Rows { get; } = [];

        public int Month { get; set; }

        public int Chunks { get; set; }

        public int Total { get; set; }

        public NodaTime.LocalDate First { get; set; }

        public NodaTime.LocalDate Last { get; set; }

        public string Provider { get; set; } = string.Empty;

        public string Region { get; set; } = string.Empty;
    }
}
