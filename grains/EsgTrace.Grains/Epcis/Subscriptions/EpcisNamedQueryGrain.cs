using EsgTrace.Audit;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Epcis;

public sealed class EpcisNamedQueryState
{
    public EpcisNamedQuery? Query { get; set; }
}

/// <summary>One named query (its parameters kept as sent) and the list of its subscriptions.</summary>
public sealed class EpcisNamedQueryGrain(
    [PersistentState("epcis-named-query")] IPersistentState<EpcisNamedQueryState> state,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IEpcisNamedQueryGrain
{
    private string Name => this.GetPrimaryKeyString();

    public async Task<bool> Create(IReadOnlyList<EpcisQueryParameter> parameters, string actor)
    {
        if (state.State.Query is not null)
        {
            // Taken; the listing entry is put again in case a crash came between the two writes of the create.
            await index.PutAsync(EpcisSubscriptionIndexes.Queries, EpcisSubscriptionIndexes.All, Name, ReadOnlyMemory<byte>.Empty);
            return false;
        }

        state.State.Query = new EpcisNamedQuery(Name, parameters, clock.GetCurrentInstant(), actor);
        await state.WriteStateAsync();
        await index.PutAsync(EpcisSubscriptionIndexes.Queries, EpcisSubscriptionIndexes.All, Name, ReadOnlyMemory<byte>.Empty);
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "epcis.query-created", "epcis-query:" + Name, string.Join("&", parameters.Select(p => p.Name))));
        return true;
    }

    public Task<EpcisNamedQuery?> Get() => Task.FromResult(state.State.Query);

    public async Task<bool> Delete(string actor)
    {
        if (state.State.Query is null)
        {
            return false;
        }

        // Subscriptions end first: a query is gone only once nothing delivers for it any more.
        await ForEachSubscriptionAsync(id => EndAsync(id));
        await state.ClearStateAsync();
        await index.RemoveAsync(EpcisSubscriptionIndexes.Queries, EpcisSubscriptionIndexes.All, Name);
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "epcis.query-deleted", "epcis-query:" + Name));
        return true;
    }

    public async Task<EpcisSubscriptionView?> Subscribe(EpcisSubscriptionSpec spec)
    {
        if (state.State.Query is not { } query)
        {
            return null;
        }

        var id = Guid.NewGuid().ToString();
        var grain = GrainFactory.GetGrain<IEpcisSubscriptionGrain>(id);
        var view = await grain.Start(spec with { QueryName = Name }, query.Parameters);
        // Listed after its state exists; captures fan out to listed subscriptions, and the subscription's first run reads
        // what was stored since its initialRecordTime, so a capture finishing meanwhile is not lost.
        await index.PutAsync(EpcisSubscriptionIndexes.Subscriptions, EpcisSubscriptionIndexes.OfQuery(Name), id, ReadOnlyMemory<byte>.Empty);
        await index.PutAsync(EpcisSubscriptionIndexes.Subscriptions, EpcisSubscriptionIndexes.All, id, System.Text.Encoding.UTF8.GetBytes(Name));
        await grain.Poke();
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), spec.CreatedBy, "epcis.subscribed", "epcis-subscription:" + id,
            $"query {Name}, {(spec.Stream ? "stream" : "schedule")}, to {spec.Dest}"));
        return view;
    }

    public async Task<bool> Unsubscribe(string subscriptionId, string actor)
    {
        if (await index.GetAsync(EpcisSubscriptionIndexes.Subscriptions, EpcisSubscriptionIndexes.OfQuery(Name), subscriptionId) is null)
        {
            return false;
        }

        await EndAsync(subscriptionId);
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "epcis.unsubscribed", "epcis-subscription:" + subscriptionId, "query " + Name));
        return true;
    }

    private async Task EndAsync(string id)
    {
        await index.RemoveAsync(EpcisSubscriptionIndexes.Subscriptions, EpcisSubscriptionIndexes.All, id);
        await GrainFactory.GetGrain<IEpcisSubscriptionGrain>(id).Cancel();
        await index.RemoveAsync(EpcisSubscriptionIndexes.Subscriptions, EpcisSubscriptionIndexes.OfQuery(Name), id);
    }

    private async Task ForEachSubscriptionAsync(Func<string, Task> action)
    {
        string? after = null;
        do
        {
            var page = await index.ScanAsync(EpcisSubscriptionIndexes.Subscriptions, EpcisSubscriptionIndexes.OfQuery(Name), after, null, 100);
            foreach (var e in page.Entries)
            {
                await action(e.Key);
            }

            after = page.NextAfterKey;
        }
        while (after is not null);
    }
}
