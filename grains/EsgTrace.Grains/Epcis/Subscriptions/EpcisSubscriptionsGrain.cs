using System.Text.Json;
using EsgTrace.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>Lists named queries and subscriptions and fans each capture out to the subscriptions' outboxes; stateless, any silo.</summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class EpcisSubscriptionsGrain(ITableStore tables, IIndexStore index, IOptions<EpcisSubscriptionOptions> options) : Grain, IEpcisSubscriptionsGrain
{
    public async Task<EpcisNamedQueryPage> Queries(string? after, int count)
    {
        var page = await index.ScanAsync(EpcisSubscriptionIndexes.Queries, EpcisSubscriptionIndexes.All, after, null, count);
        var queries = await Task.WhenAll(page.Entries.Select(e => GrainFactory.GetGrain<IEpcisNamedQueryGrain>(e.Key).Get()));
        return new EpcisNamedQueryPage([.. queries.OfType<EpcisNamedQuery>()], page.NextAfterKey);
    }

    public async Task<EpcisSubscriptionPage> Subscriptions(string? queryName, string? after, int count)
    {
        var partition = queryName is null ? EpcisSubscriptionIndexes.All : EpcisSubscriptionIndexes.OfQuery(queryName);
        var page = await index.ScanAsync(EpcisSubscriptionIndexes.Subscriptions, partition, after, null, count);
        var views = await Task.WhenAll(page.Entries.Select(e => GrainFactory.GetGrain<IEpcisSubscriptionGrain>(e.Key).Get()));
        return new EpcisSubscriptionPage([.. views.OfType<EpcisSubscriptionView>()], page.NextAfterKey);
    }

    public async Task CaptureStored(string captureId, Instant recordTime, IReadOnlyList<string> eventIds)
    {
        if (eventIds.Count == 0)
        {
            return;
        }

        var chunks = eventIds.Distinct(StringComparer.Ordinal).Chunk(options.Value.MaxEventsPerDelivery).Select(c => JsonSerializer.SerializeToUtf8Bytes(c)).ToList();
        var subscriptions = new List<string>();
        string? after = null;
        do
        {
            var page = await index.ScanAsync(EpcisSubscriptionIndexes.Subscriptions, EpcisSubscriptionIndexes.All, after, null, 500);
            subscriptions.AddRange(page.Entries.Select(e => e.Key));
            after = page.NextAfterKey;
        }
        while (after is not null);

        var writes = subscriptions.SelectMany(id => chunks.Select((ids, i) => index.PutWrite(EpcisSubscriptionIndexes.Outbox, id, EpcisSubscriptionIndexes.OutboxKey(recordTime, captureId, i), ids))).ToList();
        foreach (var batch in writes.Chunk(TableStoreLimits.MaxBatchRows))
        {
            await tables.WriteAtomicAsync(batch);
        }

        foreach (var id in subscriptions)
        {
            await GrainFactory.GetGrain<IEpcisSubscriptionGrain>(id).Poke();
        }

        await GrainFactory.GetGrain<IEpcisLiveFeedGrain>(0).Publish(eventIds);
    }

    public async Task<int> ResumeAll()
    {
        var n = 0;
        string? after = null;
        do
        {
            var page = await index.ScanAsync(EpcisSubscriptionIndexes.Subscriptions, EpcisSubscriptionIndexes.All, after, null, 500);
            foreach (var e in page.Entries)
            {
                await GrainFactory.GetGrain<IEpcisSubscriptionGrain>(e.Key).Poke();
                n++;
            }

            after = page.NextAfterKey;
        }
        while (after is not null);
        return n;
    }
}
