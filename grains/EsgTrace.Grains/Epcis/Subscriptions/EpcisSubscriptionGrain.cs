using System.Text.Json;
using EsgTrace.Epcis.Query;
using EsgTrace.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans.Concurrency;

namespace EsgTrace.Epcis;

public sealed class EpcisSubscriptionState
{
    public EpcisSubscriptionSpec? Spec { get; set; }

    public List<EpcisQueryParameter> Parameters { get; set; } = [];

    /// <summary>The first run reads what was stored from initialRecordTime on, page by page; this is where it stands.</summary>
    public bool CatchUpDone { get; set; }

    public string? CatchUpToken { get; set; }

    public long DeliveredEvents { get; set; }

    public long Deliveries { get; set; }

    public long FailedAttempts { get; set; }

    public int ConsecutiveFailures { get; set; }

    public Instant? LastAttemptAt { get; set; }

    public string? LastOutcome { get; set; }

    public Instant? LastNotifiedAt { get; set; }

    public Instant? NextAttemptAt { get; set; }

    public Instant? NextScheduledAt { get; set; }
}

/// <summary>
/// One webhook subscription. What it owes its subscriber is durable before it is sent: each capture's stored events are
/// an entry of its outbox (written by <see cref="EpcisSubscriptionsGrain.CaptureStored"/> before the capture ends), and its
/// first run reads what was stored since initialRecordTime. A delivery removes its entries only after the destination
/// answered 2xx, so a crash or silo loss in between sends them again (at least once; receivers deduplicate by eventID).
/// Failures wait with exponential back-off; a reminder wakes the subscription on whichever silo holds it after a restart.
/// Streaming subscriptions deliver as entries arrive; scheduled ones at each query time of their schedule (UTC).
/// </summary>
[Reentrant]
public sealed partial class EpcisSubscriptionGrain(
    [PersistentState("epcis-subscription")] IPersistentState<EpcisSubscriptionState> state,
    ITableStore tables,
    IIndexStore index,
    IWebhookSender sender,
    IOptions<EpcisSubscriptionOptions> options,
    IClock clock,
    ILogger<EpcisSubscriptionGrain> logger) : Grain, IEpcisSubscriptionGrain, IRemindable
{
    public const string ReminderName = "epcis-delivery";
    private const int OutboxEntriesPerDelivery = 20;
    private Task? _run;
    private bool _again;
    private IGrainTimer? _timer;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is not null)
        {
            StartRun();
        }

        return Task.CompletedTask;
    }

    public async Task<EpcisSubscriptionView> Start(EpcisSubscriptionSpec spec, IReadOnlyList<EpcisQueryParameter> parameters)
    {
        if (state.State.Spec is null)
        {
            state.State = new EpcisSubscriptionState
            {
                Spec = spec,
                Parameters = [.. parameters],
                NextScheduledAt = spec.Schedule is { } schedule ? CompiledQuerySchedule.Compile(schedule).Schedule?.Next(clock.GetCurrentInstant()) : null,
            };
            await state.WriteStateAsync();
        }

        await this.RegisterOrUpdateReminder(ReminderName, options.Value.ReminderPeriod, options.Value.ReminderPeriod);
        return await ViewAsync();
    }

    public async Task<EpcisSubscriptionView?> Get() => state.State.Spec is null ? null : await ViewAsync();

    public async Task Cancel()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _timer?.Dispose();
        if (state.State.Spec is not null)
        {
            await state.ClearStateAsync();
        }

        state.State = new EpcisSubscriptionState();
        // What it still owed goes with it.
        IndexPage page;
        do
        {
            page = await index.ScanAsync(EpcisSubscriptionIndexes.Outbox, Id, null, null, 100);
            if (page.Entries.Count > 0)
            {
                await tables.WriteAtomicAsync([.. page.Entries.Select(e => index.RemoveWrite(EpcisSubscriptionIndexes.Outbox, Id, e.Key))]);
            }
        }
        while (page.NextAfterKey is not null);
        DeactivateOnIdle();
    }

    public Task Poke()
    {
        StartRun();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Spec is null)
        {
            // A reminder that outlived its subscription (a crash inside Cancel): end it.
            return this.GetReminder(reminderName).ContinueWith(t => t.Result is { } r ? this.UnregisterReminder(r) : Task.CompletedTask, TaskScheduler.Current).Unwrap();
        }

        StartRun();
        return Task.CompletedTask;
    }

    /// <summary>One run at a time; a poke during a run makes it look again when it ends.</summary>
    private void StartRun()
    {
        if (_run is { IsCompleted: false })
        {
            _again = true;
            return;
        }

        _run = RunAsync();
    }

    private async Task RunAsync()
    {
        do
        {
            _again = false;
            try
            {
                await DeliverDueAsync();
            }
            catch (Exception ex)
            {
                // Storage did not answer (or the silo is stopping): nothing was acknowledged, so the next run sends it again.
                LogRunFailed(logger, ex, Id);
                Arm(clock.GetCurrentInstant() + Duration.FromSeconds(5));
                return;
            }
        }
        while (_again);
    }

    private async Task DeliverDueAsync()
    {
        var s = state.State;
        if (s.Spec is not { } spec)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        if (s.NextAttemptAt is { } retryAt && retryAt > now)
        {
            Arm(retryAt);
            return;
        }

        var schedule = spec.Schedule is { } sched ? CompiledQuerySchedule.Compile(sched).Schedule : null;
        if (schedule is not null && s.NextScheduledAt is { } due && due > now)
        {
            Arm(due);
            return;
        }

        var (query, problem) = EpcisQueryParser.Parse(s.Parameters.Select(p => KeyValuePair.Create(p.Name, p.Values.Select(v => (string?)v).ToArray())));
        if (query is null)
        {
            // The query no longer parses (the language changed under it): say so, and look again much later.
            await FailAsync("query refused: " + problem!.Detail, now);
            return;
        }

        // Both bounds hold (AND), so the later of the query's own GE_recordTime and the subscription's initialRecordTime wins.
        query = query.And(new TimeCriterion(EventTimeField.RecordTime, Comparison.Ge, spec.InitialRecordTime)) with { NextPageToken = null };
        var sentAny = false;
        // The catch-up and the outbox can name the same event (captured while the subscription started): sent once per run.
        var sent = new HashSet<string>(StringComparer.Ordinal);
        while (state.State.Spec is not null && await NextBatchAsync(query) is { } found)
        {
            var batch = found with { Events = [.. found.Events.Where(e => sent.Add(EventIdOf(e)))] };
            if (batch.Events.Count > 0)
            {
                if (!await SendAsync(spec, batch.Events, batch.Context))
                {
                    return;
                }

                sentAny = true;
            }

            if (state.State.Spec is null)
            {
                return; // cancelled while it was sending
            }

            await batch.Acknowledge();
            await state.WriteStateAsync();
        }

        if (schedule is not null && state.State.Spec is not null)
        {
            if (!sentAny && spec.ReportIfEmpty && !await SendAsync(spec, [], new Dictionary<string, string>()))
            {
                return;
            }

            s.NextScheduledAt = schedule.Next(clock.GetCurrentInstant());
            await state.WriteStateAsync();
            if (s.NextScheduledAt is { } next)
            {
                Arm(next);
            }
        }
    }

    /// <summary>The next events owed (catch-up pages first, then outbox entries), with how to acknowledge them; null when none.</summary>
    private async Task<Batch?> NextBatchAsync(EpcisQuery query)
    {
        var s = state.State;
        var max = options.Value.MaxEventsPerDelivery;
        var store = new EpcisStore(tables, index);
        if (!s.CatchUpDone)
        {
            var page = await store.QueryAsync(query with { PerPage = max, NextPageToken = s.CatchUpToken });
            return new Batch(page.Events, page.Context, () =>
            {
                s.CatchUpToken = page.NextPageToken;
                s.CatchUpDone = page.NextPageToken is null;
                return Task.CompletedTask;
            });
        }

        var outbox = await index.ScanAsync(EpcisSubscriptionIndexes.Outbox, Id, null, null, OutboxEntriesPerDelivery);
        if (outbox.Entries.Count == 0)
        {
            return null;
        }

        var entries = new List<IndexEntry>();
        var ids = new List<string>();
        foreach (var entry in outbox.Entries)
        {
            var entryIds = JsonSerializer.Deserialize<List<string>>(entry.Value.Span) ?? [];
            if (entries.Count > 0 && ids.Count + entryIds.Count > max)
            {
                break;
            }

            entries.Add(entry);
            ids.AddRange(entryIds);
        }

        var wanted = ids.Distinct(StringComparer.Ordinal).Where(id => query.EventIds.Count == 0 || query.EventIds.Contains(id)).ToList();
        var found = wanted.Count == 0
            ? new EpcisPage([], new Dictionary<string, string>(), null)
            : await store.QueryAsync(query.ForEvents(wanted));
        return new Batch(found.Events, found.Context,
            () => tables.WriteAtomicAsync([.. entries.Select(e => index.RemoveWrite(EpcisSubscriptionIndexes.Outbox, Id, e.Key))]));
    }

    private async Task<bool> SendAsync(EpcisSubscriptionSpec spec, IReadOnlyList<byte[]> events, IReadOnlyDictionary<string, string> context)
    {
        var s = state.State;
        var now = clock.GetCurrentInstant();
        var body = EpcisQueryDocumentWriter.Write(events, context, now, spec.QueryName, Id);
        var signature = spec.SignatureToken is { } token ? WebhookSignature.Compute(token, body) : null;
        s.LastAttemptAt = now;
        using var cancel = new CancellationTokenSource(options.Value.Timeout * 3);
        var result = await sender.PostAsync(spec.Dest, body, signature, cancel.Token);
        if (!result.Success)
        {
            await FailAsync(result.Outcome, now);
            return false;
        }

        s.LastOutcome = result.Outcome;
        s.ConsecutiveFailures = 0;
        s.NextAttemptAt = null;
        s.LastNotifiedAt = clock.GetCurrentInstant();
        s.Deliveries++;
        s.DeliveredEvents += events.Count;
        return true;
    }

    private async Task FailAsync(string outcome, Instant now)
    {
        var s = state.State;
        s.LastOutcome = outcome;
        s.FailedAttempts++;
        s.ConsecutiveFailures++;
        s.NextAttemptAt = now + Duration.FromTimeSpan(options.Value.Backoff(s.ConsecutiveFailures));
        await state.WriteStateAsync();
        LogDeliveryFailed(logger, Id, outcome, s.ConsecutiveFailures, s.NextAttemptAt.Value);
        Arm(s.NextAttemptAt.Value);
    }

    /// <summary>A one-shot timer for the next due time while the activation lives; the reminder covers restarts.</summary>
    private void Arm(Instant at)
    {
        _timer?.Dispose();
        var due = (at - clock.GetCurrentInstant()).ToTimeSpan();
        _timer = this.RegisterGrainTimer(_ =>
        {
            StartRun();
            return Task.CompletedTask;
        }, due < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : due, Timeout.InfiniteTimeSpan);
    }

    private async Task<EpcisSubscriptionView> ViewAsync()
    {
        var s = state.State;
        var spec = s.Spec!;
        var pending = await index.ScanAsync(EpcisSubscriptionIndexes.Outbox, Id, null, null, 1000);
        return new EpcisSubscriptionView(Id, spec.QueryName, spec.Dest, spec.SignatureToken is not null, spec.Stream, spec.Schedule, spec.ReportIfEmpty,
            spec.InitialRecordTime, spec.CreatedAt,
            new EpcisDeliveryStatus(pending.Entries.Count, s.DeliveredEvents, s.Deliveries, s.FailedAttempts, s.ConsecutiveFailures, s.LastAttemptAt, s.LastOutcome,
                s.LastNotifiedAt, s.NextAttemptAt, s.NextScheduledAt));
    }

    private static string EventIdOf(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        using var doc = JsonDocument.ParseValue(ref reader);
        return doc.RootElement.TryGetProperty("eventID", out var id) ? id.GetString() ?? string.Empty : string.Empty;
    }

    private sealed record Batch(IReadOnlyList<byte[]> Events, IReadOnlyDictionary<string, string> Context, Func<Task> Acknowledge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EPCIS subscription {Subscription}: a delivery run stopped; it runs again shortly.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string subscription);

    [LoggerMessage(Level = LogLevel.Information, Message = "EPCIS subscription {Subscription}: delivery failed ({Outcome}), {Failures} in a row; next try at {Next}.")]
    private static partial void LogDeliveryFailed(ILogger logger, string subscription, string outcome, int failures, Instant next);
}
