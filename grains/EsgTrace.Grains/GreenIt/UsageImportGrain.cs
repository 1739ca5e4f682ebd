using System.Text;
using EsgTrace.Audit;
using EsgTrace.Storage;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>Checks a staged usage file, then applies it to the workload grains in deterministic batches.</summary>
public sealed partial class UsageImportGrain(
    [PersistentState("usage-import")] IPersistentState<UsageImportState> state,
    IBlobStore blobs,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock,
    ILogger<UsageImportGrain> logger,
    Telemetry.EsgTraceMetrics metrics) : Grain, IUsageImportGrain
{
    public const string Container = UsageImportFiles.Container;

    /// <summary>Rows per batch sent to one workload (one event; well under a table row's 960 KiB).</summary>
    public const int BatchRows = 1_000;

    /// <summary>Rows held in memory across all workloads before every buffer is flushed.</summary>
    public const int BufferedRows = 200_000;

    private Task? _applying;

    private string Id => this.GetPrimaryKeyString();

    public async Task<UsageImportStatus> Start(string blobName, string actor)
    {
        if (state.State.Phase != UsageImportPhase.None)
        {
            return StatusOf();
        }

        var blob = await blobs.GetAsync(Container, blobName) ?? throw new InvalidOperationException($"Staged import '{blobName}' is missing.");
        using var stream = BlobStreams.Open(blob.Content);
        var check = UsageImportChecker.Check(stream);
        var s = state.State;
        s.Blob = blobName;
        s.Actor = actor;
        s.Rows = check.Rows;
        s.Workloads = check.Workloads;
        s.ErrorCount = check.ErrorCount;
        s.Errors = [.. check.Errors];
        s.AcceptedAt = clock.GetCurrentInstant();
        s.Phase = check.IsValid ? UsageImportPhase.Applying : UsageImportPhase.Rejected;
        if (s.Phase == UsageImportPhase.Applying)
        {
            // Pending first: if the silo dies after the state write, the pending-work reminder (any silo) finds this import and resumes it.
            await JsonIndex.PutAsync(index, GreenItIndexes.Imports, GreenItIndexes.Pending, Id, blobName);
        }

        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, check.IsValid ? "usage-import.accepted" : "usage-import.rejected", "usage-import:" + Id,
            check.IsValid ? $"{check.Rows} rows, {check.Workloads} workloads" : $"{check.ErrorCount} error(s) in {check.Rows} rows; nothing written"));
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
            var blob = await blobs.GetAsync(Container, s.Blob!) ?? throw new InvalidOperationException($"Staged import '{s.Blob}' is missing.");
            s.AppliedRows = 0;
            var buffers = new Dictionary<string, List<UsageRow>>(StringComparer.Ordinal);
            var sequence = new Dictionary<string, int>(StringComparer.Ordinal);
            var buffered = 0;
            using var reader = new StreamReader(BlobStreams.Open(blob.Content), Encoding.UTF8, true, 1 << 16);
            foreach (var (row, _, _) in UsageCsv.Read(reader))
            {
                var rows = buffers.TryGetValue(row!.WorkloadId, out var b) ? b : buffers[row.WorkloadId] = [];
                rows.Add(row);
                buffered++;
                if (rows.Count >= BatchRows)
                {
                    await FlushAsync([row.WorkloadId]);
                }
                else if (buffered >= BufferedRows)
                {
                    await FlushAsync(buffers.Where(x => x.Value.Count > 0).Select(x => x.Key).ToList());
                }
            }

            await FlushAsync(buffers.Where(x => x.Value.Count > 0).Select(x => x.Key).ToList());
            s.Phase = UsageImportPhase.Applied;
            s.FinishedAt = clock.GetCurrentInstant();
            await state.WriteStateAsync();
            await index.RemoveAsync(GreenItIndexes.Imports, GreenItIndexes.Pending, Id);
            await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), s.Actor, "usage-import.applied", "usage-import:" + Id, $"{s.Rows} rows, {s.Workloads} workloads"));
            metrics.UsageImportFinished("applied", s.AppliedRows, System.Diagnostics.Stopwatch.GetElapsedTime(started));

            async Task FlushAsync(IReadOnlyList<string> workloads)
            {
                var calls = new List<Task>(workloads.Count);
                foreach (var w in workloads)
                {
                    var batch = buffers[w].ToArray();
                    buffers[w].Clear();
                    buffered -= batch.Length;
                    var n = sequence[w] = sequence.GetValueOrDefault(w) + 1;
                    calls.Add(SendAsync(w, $"{Id}#{n}", batch));
                }

                await Task.WhenAll(calls);
            }

            async Task SendAsync(string workload, string batchKey, UsageRow[] batch)
            {
                await GrainFactory.GetGrain<IWorkloadGrain>(workload).RecordUsage(batchKey, batch, s.Actor);
                s.AppliedRows += batch.Length;
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
        return new UsageImportStatus(Id, s.Phase, s.Rows, s.AppliedRows, s.Workloads, s.ErrorCount, s.Errors, s.Actor, s.AcceptedAt, s.FinishedAt);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying usage import {Import} failed; it stays pending and resumes at the next pending-work tick.")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, string import);
}
