using EsgTrace.Accounts;
using EsgTrace.Storage;

namespace EsgTrace.SupplyChain;

/// <summary>
/// The lot list: one index row per lot, written when its details change (recorded, corrected, certificate linked), not on
/// every shipment or batch that moves it, so a movement costs no list write. A page shows each lot's current balance and
/// transport from the lot itself (one call per row, all at once), so the list never shows a balance behind the ledger.
/// </summary>
public static class LotList
{
    public static async Task PutAsync(IIndexStore index, LotView lot)
    {
        await SupplyChainIndexes.PutAsync(index, SupplyChainLists.Lots, lot.Id, lot);
        await SupplyChainIndexes.PutAsync(index, SupplyChainLists.LotsBySupplier, lot.Id, lot, SupplyChainLists.SupplierPartition(lot.Lot.SupplierId));
    }

    public static async Task<Page<LotView>> PageAsync(IIndexStore index, IGrainFactory grains, string? after, int pageSize)
    {
        var (listed, next) = await JsonIndex.ScanAsync<LotView>(index, SupplyChainLists.Lots, SupplyChainLists.All, after, pageSize);
        var current = await Task.WhenAll(listed.Select(l => grains.GetGrain<IMaterialLotGrain>(l.Id).Get()));
        return new Page<LotView>(listed.Select((l, i) => current[i] ?? l).ToList(), next);
    }
}
