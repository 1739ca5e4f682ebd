using EsgTrace.MassBalance;
using System.Text;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using EsgTrace.Units;

namespace EsgTrace.SupplyChain;

/// <summary>
/// Gives lots recorded before the mass-balance ledger their ledger, once per store: every listed shipment and batch is
/// told to its lots as a movement (idempotent by key, so a restart half-way through repeats nothing), then a marker is
/// written. Before it, such lots kept legs in their own events, which transport allocation by mass no longer reads:
/// without this start-up duty their footprints would lose their transport.
/// </summary>
public static class LedgerMigration
{
    private const string Index = "migrations";
    private const string Marker = "lot-ledger-1";

    public static async Task RunAsync(IIndexStore index, IGrainFactory grains)
    {
        if (await index.GetAsync(Index, SupplyChainLists.All, Marker) is not null)
        {
            return;
        }

        // Stores from before the ledger list every shipment in the "all" partition; later ones list each under its mode.
        var partitions = Enum.GetValues<Factors.TransportMode>().Select(SupplyChainLists.ModePartition).Prepend(SupplyChainLists.All);
        var listed = new List<ShipmentSummary>();
        foreach (var partition in partitions)
        {
            listed.AddRange(await JsonIndex.ReadAllAsync<ShipmentSummary>(index, SupplyChainLists.Shipments, partition));
        }

        foreach (var shipment in listed.DistinctBy(s => s.Id))
        {
            if (await grains.GetGrain<IShipmentGrain>(shipment.Id).Get() is not { WithdrawnReason: null } view)
            {
                continue;
            }

            var lots = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var id in view.Shipment.LotIds)
            {
                lots[id] = await grains.GetGrain<IMaterialLotGrain>(id).Get() is { } lot ? Quantity.Of(lot.Lot.Quantity, lot.Lot.Unit).To(Unit.Kilogram).Value : 0m;
            }

            var s = view.Shipment;
            foreach (var (lotId, kg) in ShipmentRules.KgByLot(s, id => lots[id]))
            {
                await grains.GetGrain<IMaterialLotGrain>(lotId).Apply(new LotMovement(MovementKind.Shipment, view.Id, s.From, s.To, kg, s.Mode, ShipmentRules.Km(s), s.DepartedAt, s.DepartedAt.ToInstant()));
            }
        }

        foreach (var product in await JsonIndex.ReadAllAsync<ProductView>(index, SupplyChainLists.Products, SupplyChainLists.All))
        {
            foreach (var batch in await JsonIndex.ReadAllAsync<BatchView>(index, SupplyChainLists.Batches, product.Id))
            {
                var inputs = new Dictionary<string, LotInput>(StringComparer.Ordinal);
                foreach (var id in batch.Batch.InputLotIds)
                {
                    if (await grains.GetGrain<IMaterialLotGrain>(id).Get() is { } lot)
                    {
                        inputs[id] = lot.Lot;
                    }
                }

                foreach (var (lotId, kg) in BatchConsumption.KgByLot(batch.Batch, product.Product, inputs).Where(u => u.Value > 0))
                {
                    await grains.GetGrain<IMaterialLotGrain>(lotId).Apply(new LotMovement(MovementKind.Batch, batch.Id, batch.Batch.Site, null, kg, null, null, batch.Batch.ProducedAt, batch.Batch.ProducedAt.ToInstant()));
                }
            }
        }

        await index.PutAsync(Index, SupplyChainLists.All, Marker, Encoding.UTF8.GetBytes("done"));
    }
}
