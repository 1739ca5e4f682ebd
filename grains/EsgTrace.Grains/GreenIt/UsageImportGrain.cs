using System.Text;
using EsgTrace.Audit;
using EsgTrace.Storage;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// Checks a staged usage file, then writes its rows to the usage log and tells each workload what it got. The file is read
/// as a stream from its blob, twice (check, then apply), and never held whole; rows go to the log in bulk writes of
/// <see cref="BulkRows"/> chunks, <see cref="WritesInFlight"/> in flight while the next are parsed; at most <see cref="WorkloadsInFlight"/>
/// workload grains are called at once. Nothing of the rows stays in any grain's state.
/// </summary>
public sealed partial class UsageImportGrain(
    [PersistentState("usage-import")] IPersistentState<UsageImportState> state,
    IBlobStore blobs,
    IIndexStore index,
    ITableStore tables,
    IAuditTrail audit,
    IClock clock,
    ILogger<UsageImportGrain> logger,
    Telemetry.EsgTraceMetrics metrics) : Grain, IUsageImportGrain
{
    public const string Container = UsageImportFiles.Container;

    /// <summary>Usage-log rows (chunks of up to <see cref="UsageLog.MaxRowsPerChunk"/> records) per bulk write.</summary>
    public const int BulkRows = 1024;

    /// <summary>Bulk writes in flight while the next chunks are parsed (the SQLite store commits waiting writes together).</summary>
    public const int WritesInFlight = 3;

    /// <summary>Workload grains told about their usage at once.</summary>
    public const int WorkloadsInFlight = 128;

    private Task? _applying;

    private string Id => this.GetPrimaryKeyString();

    public Task<UsageImportStatus> Start(string blobName, string actor) => StartAsync(blobName, actor, UsageImportFormats.UsageCsv, null);

    public Task<UsageImportStatus> StartBilling(string blobName, BillingRuleSet rules, string actor) => StartAsync(blobName, actor, UsageImportFormats.Focus, rules);

    private async Task<UsageImportStatus> StartAsync(string blobName, string actor, string format, BillingRuleSet? rules)
    {
        if (state.State.Phase != UsageImportPhase.None)
        {
            return StatusOf();
        }

        var s = state.State;
        s.Format = format;
        s.Rules = rules;
        UsageImportCheck check;
        await using (var stream = await OpenAsync(blobName))
        {
            check = UsageImportChecker.Check(stream, Source());
        }

        s.Blob = blobName;
        s.Actor = actor;
        s.Rows = check.Rows;
        s.Workloads = check.Workloads;
        s.ErrorCount = check.ErrorCount;
        s.Errors = [.. check.Errors];
        s.Unmapped = [.. check.Unmapped ?? []];
        s.AcceptedAt = clock.GetCurrentInstant();
        s.Phase = check.IsValid ? UsageImportPhase.Applying : UsageImportPhase.Rejected;
        if (s.Phase == UsageImportPhase.Applying)
        {
            // Pending first: if the silo dies after the state write, the pending-work reminder (any silo) finds this import and resumes it.
            await JsonIndex.PutAsync(index, GreenItIndexes.Imports, GreenItIndexes.Pending, Id, blobName);
        }

        await state.WriteStateAsync();
        var unmapped = check.UnmappedRows > 0 ? $"; {check.UnmappedRows} line(s) no rule maps, reported and not imported" : string.Empty;
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, check.IsValid ? "usage-import.accepted" : "usage-import.rejected", "usage-import:" + Id,
            check.IsValid ? $"{format}: {check.Rows} rows, {check.Workloads} workloads{unmapped}{(rules is null ? string.Empty : $"; mapping rules v{rules.Version}")}"
                : $"{check.ErrorCount} error(s) in {check.Rows} rows; nothing written"));
        if (check.IsValid)
        {
            StartApplying();
        }

        return StatusOf();
    }

    public Task<UsageImportStatus?> Status() => Task.FromResult(state.State.Phase == UsageImportPhase.None ? null : StatusOf());

    public async Task Resume()
    {
        if (state.State.Phase == UsageImportPhase.Applying)
        {
            StartApplying();
        }
        else
        {
            // A crash between the final state write and the marker's removal leaves a stale marker: clear it.
            await index.RemoveAsync(GreenItIndexes.Imports, GreenItIndexes.Pending, Id);
        }
    }

    private IUsageSource Source() => state.State.Format == UsageImportFormats.Focus ? new FocusBillingSource(state.State.Rules!) : UsageCsvSource.Instance;

    private async Task<Stream> OpenAsync(string blobName)
        => await blobs.OpenReadAsync(Container, blobName) ?? throw new InvalidOperationException($"Staged import '{blobName}' is missing.");

    private void StartApplying()
    {
        // Runs as turns of this grain between calls, so Status() reports progress while it works.
        _applying ??= ApplyAsync();
    }

    private async Task ApplyAsync()
    {
        var s = state.State;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            s.AppliedRows = 0;
            var log = new UsageLog(tables);
            // The batch key of every chunk: the import id; the order: when it was accepted (a later import's record for a period wins).
            var chunker = new UsageChunker(Id, s.AcceptedAt!.Value.ToUnixTimeTicks());
            var ready = new List<TableRow>(BulkRows + 64);
            long readyRecords = 0;
            var writing = new Queue<(Task Write, long Records)>();
            await using (var stream = await OpenAsync(s.Blob!))
            {
                using var reader = new StreamReader(stream, Encoding.UTF8, true, 1 << 16);
                foreach (var read in Source().Read(reader))
                {
                    if (read.Row is not { } row)
                    {
                        continue;
                    }

                    chunker.Add(row, ready, ref readyRecords);
                    if (ready.Count >= BulkRows)
                    {
                        await WriteAsync();
                    }
                }
            }

            chunker.CloseAll(ready, ref readyRecords);
            await WriteAsync();
            while (writing.Count > 0)
            {
                var (write, records) = writing.Dequeue();
                await write;
                s.AppliedRows += records;
            }

            // Every row is in the log; each workload now counts its share (idempotent per import), a bounded number at once.
            await Parallel.ForEachAsync(chunker.Summaries, new ParallelOptions { MaxDegreeOfParallelism = WorkloadsInFlight, TaskScheduler = TaskScheduler.Current },
                async (w, _) => await GrainFactory.GetGrain<IWorkloadGrain>(w.Key).RecordLogged(Id, w.Value, s.Actor));

            s.Phase = UsageImportPhase.Applied;
            s.FinishedAt = clock.GetCurrentInstant();
            await state.WriteStateAsync();
            await index.RemoveAsync(GreenItIndexes.Imports, GreenItIndexes.Pending, Id);
            await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), s.Actor, "usage-import.applied", "usage-import:" + Id, $"{s.AppliedRows} rows, {s.Workloads} workloads"));
            metrics.UsageImportFinished("applied", s.AppliedRows, System.Diagnostics.Stopwatch.GetElapsedTime(started));

            // Nothing more to do: a status read reactivates it from its state. A thousand finished imports hold no memory.
            DeactivateOnIdle();

            // A few bulk writes in flight: the next chunks are parsed while the store writes these.
            async Task WriteAsync()
            {
                if (ready.Count == 0)
                {
                    return;
                }

                while (writing.Count >= WritesInFlight)
                {
                    var (write, records) = writing.Dequeue();
                    await write;
                    s.AppliedRows += records;
                }

                writing.Enqueue((log.WriteAsync(ready), readyRecords));
                ready = new List<TableRow>(BulkRows + 64);
                readyRecords = 0;
            }
        }
        catch (Exception ex)
        {
            metrics.UsageImportFinished("failed", s.AppliedRows, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            LogApplyFailed(logger, ex, Id);
            _applying = null;
        }
    }

    private UsageImportStatus StatusOf()
    {
        var s = state.State;
        return new UsageImportStatus(Id, s.Phase, s.Rows, s.AppliedRows, s.Workloads, s.ErrorCount, s.Errors, s.Actor, s.AcceptedAt, s.FinishedAt,
            s.Format, s.Rules?.Version, s.Unmapped.Where(u => !u.Attributed).Sum(u => u.Lines), s.Unmapped);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying usage import {Import} failed; it stays pending and resumes at the next pending-work tick.")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, string import);
}
