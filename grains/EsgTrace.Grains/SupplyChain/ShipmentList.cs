using System.Globalization;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Factors;
using EsgTrace.Storage;
using EsgTrace.Time;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>
/// Where shipments are listed: one index row per shipment, in the partition of its mode ("mode:road" …), keyed by departure
/// instant then id, so recording a shipment costs one list row however it is filtered. By mode a page is one range scan;
/// all shipments is the five mode partitions scanned from the same key and merged (at most five small scans per page); by
/// lot it is the lot's own ledger, which holds every shipment of the lot, each row then read by its key. Each page costs
/// the same at 100 or 100,000 shipments (by lot: in proportion to that lot's own history).
/// </summary>
public static class ShipmentList
{
    private static readonly string[] ModePartitions = Enum.GetValues<TransportMode>().Select(SupplyChainLists.ModePartition).ToArray();

    /// <summary>List key: departure instant (UTC, sortable) then id, so the list pages in time order.</summary>
    public static string Key(string id, OffsetDateTime departed)
        => departed.ToInstant().ToUnixTimeTicks().ToString("D19", CultureInfo.InvariantCulture) + "|" + id;

    public static TableWrite PutWrite(IIndexStore index, string id, ShipmentInput s, long version)
        => index.PutWrite(SupplyChainLists.Shipments, SupplyChainLists.ModePartition(s.Mode), Key(id, s.DepartedAt), JsonSerializer.SerializeToUtf8Bytes(ShipmentSummary.Of(id, s, version), EsgJson.Options));

    public static TableWrite RemoveWrite(IIndexStore index, string id, ShipmentInput s)
        => index.RemoveWrite(SupplyChainLists.Shipments, SupplyChainLists.ModePartition(s.Mode), Key(id, s.DepartedAt));

    /// <summary>The shipment's row where <paramref name="s"/> lists it, or null.</summary>
    public static Task<ShipmentSummary?> GetAsync(IIndexStore index, string id, ShipmentInput s) => GetAsync(index, SupplyChainLists.ModePartition(s.Mode), Key(id, s.DepartedAt));

    /// <summary>A page of the list: <paramref name="filter"/> is <see cref="SupplyChainLists.All"/>, a mode or a lot partition.</summary>
    public static Task<Page<ShipmentSummary>> PageAsync(IIndexStore index, IGrainFactory grains, string filter, string? after, int pageSize)
        => filter switch
        {
            SupplyChainLists.All => AllAsync(index, after, pageSize),
            _ when filter.StartsWith("lot:", StringComparison.Ordinal) => OfLotAsync(index, grains, filter["lot:".Length..], after, pageSize),
            _ => OfModeAsync(index, filter, after, pageSize),
        };

    /// <summary>One mode's shipments: one range scan.</summary>
    public static async Task<Page<ShipmentSummary>> OfModeAsync(IIndexStore index, string partition, string? after, int pageSize)
    {
        var (items, next) = await JsonIndex.ScanAsync<ShipmentSummary>(index, SupplyChainLists.Shipments, partition, after, pageSize);
        return new Page<ShipmentSummary>(items, next);
    }

    /// <summary>All shipments: the mode partitions scanned from the same key and merged.</summary>
    public static async Task<Page<ShipmentSummary>> AllAsync(IIndexStore index, string? after, int pageSize)
    {
        var pages = await Task.WhenAll(ModePartitions.Select(p => index.ScanAsync(SupplyChainLists.Shipments, p, after, null, pageSize)));
        var merged = pages.SelectMany(p => p.Entries).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        // More follow when a partition had more than it gave, or the merge holds more than a page.
        var more = merged.Count > pageSize || pages.Any(p => p.NextAfterKey is not null);
        var taken = merged.Take(pageSize).ToList();
        var items = taken.Select(e => JsonSerializer.Deserialize<ShipmentSummary>(e.Value.Span, EsgJson.Options)!).ToList();
        return new Page<ShipmentSummary>(items, more && taken.Count > 0 ? taken[^1].Key : null);
    }

    private static async Task<Page<ShipmentSummary>> OfLotAsync(IIndexStore index, IGrainFactory grains, string lotId, string? after, int pageSize)
    {
        var movements = await grains.GetGrain<IMaterialLotGrain>(lotId).ShipmentsAfter(after, pageSize + 1);
        var taken = movements.Take(pageSize).ToList();
        var rows = await Task.WhenAll(taken.Select(m => GetAsync(index, SupplyChainLists.ModePartition(m.Mode!.Value), Key(m.RecordId, m.DepartedAt!.Value))));
        // A ledger entry whose list row is not written yet (an interrupted change on Azure, finished on its next read) is left out.
        var items = rows.OfType<ShipmentSummary>().ToList();
        return new Page<ShipmentSummary>(items, movements.Count > pageSize ? Key(taken[^1].RecordId, taken[^1].DepartedAt!.Value) : null);
    }

    private static async Task<ShipmentSummary?> GetAsync(IIndexStore index, string partition, string key)
        => await index.GetAsync(SupplyChainLists.Shipments, partition, key) is { } value ? JsonSerializer.Deserialize<ShipmentSummary>(value.Span, EsgJson.Options) : null;
}
