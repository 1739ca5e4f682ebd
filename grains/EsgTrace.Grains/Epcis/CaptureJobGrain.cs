using EsgTrace.Audit;
using EsgTrace.Storage;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>Runs one capture: store the events (all or nothing unless "proceed"), then feed the supply chain.</summary>
public sealed partial class CaptureJobGrain(
    [PersistentState("epcis-capture", GrainStorageNames.LargeState)] IPersistentState<CaptureJobState> state,
    IBlobStore blobs,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock,
    ILogger<CaptureJobGrain> logger,
    Telemetry.EsgTraceMetrics metrics,
    IEnumerable<IStorageFailureClassifier> storageFailures) : Grain, ICaptureJobGrain
{
    private Task? _running;

    private string Id => this.GetPrimaryKeyString();

    public async Task<CaptureJob> Submit(byte[] document, int eventCount, bool proceedOnError, string actor)
    {
        if (state.State.Blob is not null)
        {
            return View();
        }

        // Staged before the job exists: a job never names a document that is not there.
        var blobName = BlobNames.Sha256Hex(document) + ".json";
        await blobs.PutAsync(EpcisCaptures.Container, blobName, document, "application/ld+json");

        var s = state.State;
        s.Blob = blobName;
        s.Actor = actor;
        s.Behaviour = proceedOnError ? "proceed" : "rollback";
        s.EventCount = eventCount;
        s.CreatedAt = clock.GetCurrentInstant();
        s.Running = true;
        // Pending first: if the silo dies after the state write, the pending-work reminder (any silo) finds this capture and resumes it.
        await index.PutAsync(EpcisCaptures.Index, EpcisCaptures.Pending, Id, System.Text.Encoding.UTF8.GetBytes(blobName));
        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "epcis.capture-accepted", "epcis-capture:" + Id, $"{eventCount} event(s), {s.Behaviour}"));
        _running = RunAsync();
        return View();
    }

    public Task<CaptureJob?> Status() => Task.FromResult(state.State.Blob is null ? null : View());

    public async Task<CaptureJob?> WaitFinished(TimeSpan timeout)
    {
        if (state.State.Blob is null)
        {
            return null;
        }

        if (_running is { } running)
        {
            await Task.WhenAny(running, Task.Delay(timeout));
        }

        return View();
    }

    public async Task Resume()
    {
        if (state.State.Running)
        {
            _running ??= RunAsync();
        }
        else
        {
            // A crash between the final state write and the marker's removal leaves a stale marker: clear it.
            await index.RemoveAsync(EpcisCaptures.Index, EpcisCaptures.Pending, Id);
        }
    }

    private async Task RunAsync()
    {
        var s = state.State;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            // Counted before the attempt: a capture that kills its silo, or fails at every start, still ends.
            s.Attempts++;
            if (s.Attempts > CaptureAttempts.Max)
            {
                await FailAsync(CaptureAttempts.GaveUp(s.Attempts - 1), started);
                return;
            }

            await state.WriteStateAsync();
            if (s.RecordTime is null)
            {
                // The record time is fixed before any event is written, so a resumed capture rewrites the same record keys.
                s.RecordTime = clock.GetCurrentInstant();
                await state.WriteStateAsync();
            }

            var repository = GrainFactory.GetGrain<IEpcisRepositoryGrain>(EpcisCaptures.Repository);
            var result = await repository.Store(Id, s.Blob!, s.RecordTime.Value, s.Behaviour == "proceed");
            s.Stored = result.Stored;
            s.Duplicates = result.Duplicates;
            s.ErrorDeclarations = result.DeclaredEventIds.Count;
            s.Errors = [.. result.Problems];
            s.Success = result.Problems.Count == 0;
            if (s.Success || s.Behaviour == "proceed")
            {
                await MasterDataCapture.CaptureAsync(GrainFactory, blobs, s.Blob!, Id, s.RecordTime.Value, s.Actor);
            }

            // Subscriptions' outboxes get the stored events before the job can end: a crash before this resumes the job, which stores the same keys and fans out again.
            await GrainFactory.GetGrain<IEpcisSubscriptionsGrain>(0).CaptureStored(Id, s.RecordTime.Value, [.. result.StoredEventIds, .. result.DeclaredEventIds]);
            if (result.Stored + result.DeclaredEventIds.Count > 0)
            {
                var (doc, read) = await EpcisCaptures.OpenAsync(blobs, s.Blob!);
                using (doc)
                {
                    s.Feed = [.. await new EpcisDomainFeed(GrainFactory, index).FeedAsync(read, result, s.Actor)];
                }
            }

            s.Running = false;
            s.FinishedAt = clock.GetCurrentInstant();
            await state.WriteStateAsync();
            await index.RemoveAsync(EpcisCaptures.Index, EpcisCaptures.Pending, Id);
            await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), s.Actor, s.Success ? "epcis.captured" : "epcis.capture-refused", "epcis-capture:" + Id,
                $"{s.Stored} stored, {s.Duplicates} already stored, {s.ErrorDeclarations} error declaration(s), {s.Errors.Count} error(s)"));
            metrics.CaptureFinished(s.Success ? "stored" : "refused", s.Stored, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (CaptureAttempts.IsTransient(ex, storageFailures))
        {
            // No answer from storage (or a silo): the outcome is unknown, so the capture stays pending and resumes.
            metrics.CaptureFinished("failed", 0, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            LogCaptureInterrupted(logger, ex, Id, s.Attempts, CaptureAttempts.Max);
            _running = null;
        }
        catch (Exception ex)
        {
            // The same document fails the same way every time (the store refuses a row, the staged document is unreadable):
            // the failure is final, and the store has taken back what the document wrote.
            LogCaptureFailed(logger, ex, Id);
            try
            {
                await FailAsync(CaptureAttempts.Problem(ex), started);
            }
            catch (Exception final)
            {
                LogCaptureInterrupted(logger, final, Id, s.Attempts, CaptureAttempts.Max);
                _running = null;
            }
        }
    }

    /// <summary>Ends the capture failed: nothing of it stored, its problem reported, never resumed.</summary>
    private async Task FailAsync(EpcisProblem problem, long started)
    {
        var s = state.State;
        s.Running = false;
        s.Success = false;
        s.Stored = 0;
        s.Duplicates = 0;
        s.ErrorDeclarations = 0;
        s.Feed = [];
        s.Errors = [problem];
        s.FinishedAt = clock.GetCurrentInstant();
        await state.WriteStateAsync();
        await index.RemoveAsync(EpcisCaptures.Index, EpcisCaptures.Pending, Id);
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), s.Actor, "epcis.capture-failed", "epcis-capture:" + Id, problem.Detail));
        metrics.CaptureFinished("failed", 0, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    private CaptureJob View()
    {
        var s = state.State;
        return new CaptureJob(Id, s.CreatedAt, s.FinishedAt, s.Running, s.Success, s.Behaviour, s.Errors, s.EventCount, s.Stored, s.Duplicates, s.ErrorDeclarations, s.Feed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "EPCIS capture {Capture} was interrupted (attempt {Attempt} of {Max}); it stays pending and resumes at the next pending-work tick.")]
    private static partial void LogCaptureInterrupted(ILogger logger, Exception exception, string capture, int attempt, int max);

    [LoggerMessage(Level = LogLevel.Error, Message = "EPCIS capture {Capture} failed; the failure is final.")]
    private static partial void LogCaptureFailed(ILogger logger, Exception exception, string capture);
}
