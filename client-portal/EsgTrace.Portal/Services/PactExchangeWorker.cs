using EsgTrace.Pact;
using Microsoft.Extensions.Options;
using NodaTime;

namespace EsgTrace.Portal.Services;

/// <summary>
/// Does the PACT exchange's durable work: every <c>Pact:PollSeconds</c> it reads the holders with pending work (their
/// markers), asks each for its due items and performs them: deliveries POST the stored event (same id on every
/// attempt) to the partner's /3/events, fetches GET /3/footprints/{id}. A success is acknowledged to the holder after the
/// partner answered 2xx, so a crash in between repeats the call (at least once; receivers discard repeats by event id).
/// A failure is retried with exponential back-off (<c>Pact:RetryBaseSeconds</c> doubling up to
/// <c>Pact:RetryMaxSeconds</c>) and abandoned 72 hours after the item was created, as the specification advises.
/// Several portals may run it at once: the worst case is a repeated call.
/// </summary>
public sealed partial class PactExchangeWorker(IGrainFactory grains, PactPartnerClient client, IOptions<PactOptions> options, IClock clock, ILogger<PactExchangeWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _poke = new(0);

    /// <summary>Look now rather than at the next poll (new work was just written).</summary>
    public void Poke()
    {
        if (_poke.CurrentCount == 0)
        {
            _poke.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cluster did not answer (starting, stopping, storage down): nothing was acknowledged, so it is tried again.
                LogRunFailed(logger, ex);
            }

            try
            {
                await _poke.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over every holder with pending work.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var page = await grains.GetGrain<IPactDirectoryGrain>(0).PendingWork(after, 100);
            foreach (var holder in page.Items)
            {
                var grain = PactWorkHolders.Resolve(grains, holder);
                foreach (var item in await grain.DueWork(clock.GetCurrentInstant()))
                {
                    await PerformAsync(grain, item, cancellationToken);
                }
            }

            after = page.NextAfterKey;
        }
        while (after is not null && !cancellationToken.IsCancellationRequested);
    }

    private async Task PerformAsync(IPactWorkHolderGrain holder, PactWorkItem item, CancellationToken cancellationToken)
    {
        var partner = await grains.GetGrain<IPactPartnerGrain>(item.PartnerId).Get();
        var result = partner is null
            ? new PartnerCallResult(false, $"partner '{item.PartnerId}' is not registered")
            : item.Kind == PactWorkKind.Deliver
                ? await client.PostEventAsync(partner, item.Payload, cancellationToken)
                : await client.GetFootprintAsync(partner, item.Payload, cancellationToken);
        var now = clock.GetCurrentInstant();
        if (result.Success)
        {
            await holder.WorkDone(item.Id, result.Outcome, result.Body, now);
            LogDone(logger, item.Kind, item.What, item.Id, item.PartnerId, result.Outcome);
            return;
        }

        var failures = item.Attempts + 1;
        var next = now + Duration.FromTimeSpan(options.Value.Backoff(failures));
        var giveUp = next - item.CreatedAt > Duration.FromTimeSpan(PactV3.RetryHorizon);
        await holder.WorkFailed(item.Id, result.Outcome, giveUp ? null : next, now);
        LogFailed(logger, item.Kind, item.What, item.Id, item.PartnerId, result.Outcome, failures, giveUp ? "abandoned" : next.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PACT exchange: a pass stopped; it runs again at the next poll.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "PACT {Kind} {What} {Item} to partner {Partner}: done ({Outcome}).")]
    private static partial void LogDone(ILogger logger, PactWorkKind kind, string what, string item, string partner, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "PACT {Kind} {What} {Item} to partner {Partner} failed ({Outcome}), attempt {Attempts}; next: {Next}.")]
    private static partial void LogFailed(ILogger logger, PactWorkKind kind, string what, string item, string partner, string outcome, int attempts, string next);
}
