using System.Text;
using System.Text.Json;
using EsgTrace.Storage;
using Orleans.Concurrency;

namespace EsgTrace.Pact;

/// <summary>Stateless reader of the PACT exchange indexes; each row names a grain, which is asked for its current view.</summary>
[StatelessWorker]
public sealed class PactDirectoryGrain(IIndexStore index) : Grain, IPactDirectoryGrain
{
    private const int MaxPageSize = 200;

    public async Task<IReadOnlyList<PactPartner>> Partners()
    {
        var partners = new List<PactPartner>();
        string? after = null;
        do
        {
            var page = await index.ScanAsync(PactPartnerGrain.PartnersIndex, PactWorkList.All, after, null, 100);
            foreach (var entry in page.Entries)
            {
                if (await GrainFactory.GetGrain<IPactPartnerGrain>(entry.Key).Get() is { } partner)
                {
                    partners.Add(partner);
                }
            }

            after = page.NextAfterKey;
        }
        while (after is not null);
        return partners;
    }

    public async Task<string?> PartnerByApiKey(string apiKeyId)
        => await index.GetAsync(PactPartnerGrain.KeysIndex, PactWorkList.All, apiKeyId) is { } owner ? Encoding.UTF8.GetString(owner.Span) : null;

    public async Task<Page<PactWorkHolder>> PendingWork(string? after, int pageSize)
    {
        var page = await index.ScanAsync(PactWorkList.PendingIndex, PactWorkList.All, after, null, Math.Clamp(pageSize, 1, MaxPageSize));
        return new Page<PactWorkHolder>([.. page.Entries.Select(e => JsonSerializer.Deserialize<PactWorkHolder>(e.Value.Span)!)], page.NextAfterKey);
    }

    public async Task<Page<PactDeliveryRow>> Deliveries(string? after, int pageSize)
    {
        var page = await index.ScanAsync(PactWorkList.DeliveriesIndex, PactWorkList.All, after, null, Math.Clamp(pageSize, 1, MaxPageSize));
        var rows = new List<PactDeliveryRow>();
        foreach (var entry in page.Entries)
        {
            var holder = JsonSerializer.Deserialize<PactWorkHolder>(entry.Value.Span)!;
            var itemId = entry.Key[(entry.Key.IndexOf('|', StringComparison.Ordinal) + 1)..];
            var work = await Holder(holder).Work();
            // A row written before a state write that never happened names no item: nothing was owed, nothing to show.
            if (work.FirstOrDefault(i => i.Id == itemId) is { } item)
            {
                rows.Add(new PactDeliveryRow(holder, item));
            }
        }

        return new Page<PactDeliveryRow>(rows, page.NextAfterKey);
    }

    public Task<Page<PactInboundRequestView>> InboundRequests(string? after, int pageSize)
        => PageAsync(PactInboundRequestGrain.Index, PactWorkList.All, after, pageSize, key => GrainFactory.GetGrain<IPactInboundRequestGrain>(key).Get());

    public Task<Page<PactOutboundRequestView>> OutboundRequests(string? supplierId, string? after, int pageSize)
        => PageAsync(PactOutboundRequestGrain.Index, supplierId is null ? PactWorkList.All : PactOutboundRequestGrain.SupplierPartition(supplierId), after, pageSize,
            key => GrainFactory.GetGrain<IPactOutboundRequestGrain>(key).Get());

    public Task<Page<PactReceivedFootprintView>> ReceivedFootprints(string? after, int pageSize)
        => PageAsync(PactReceivedFootprintGrain.Index, PactWorkList.All, after, pageSize, key => GrainFactory.GetGrain<IPactReceivedFootprintGrain>(key).Get());

    private IPactWorkHolderGrain Holder(PactWorkHolder holder) => PactWorkHolders.Resolve(GrainFactory, holder);

    private async Task<Page<T>> PageAsync<T>(string name, string partition, string? after, int pageSize, Func<string, Task<T?>> read)
        where T : class
    {
        var page = await index.ScanAsync(name, partition, after, null, Math.Clamp(pageSize, 1, MaxPageSize));
        var items = new List<T>();
        foreach (var entry in page.Entries)
        {
            if (await read(JsonSerializer.Deserialize<string>(entry.Value.Span)!) is { } item)
            {
                items.Add(item);
            }
        }

        return new Page<T>(items, page.NextAfterKey);
    }
}
