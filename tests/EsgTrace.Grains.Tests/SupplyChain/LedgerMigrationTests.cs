using EsgTrace.Analysis;
using EsgTrace.Factors;
using EsgTrace.MassBalance;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace EsgTrace.Grains.Tests.SupplyChain;

/// <summary>
/// Lots recorded before the ledger had no ledger entries: the start-up migration rebuilds them from the listed shipments
/// and batches, once, so their footprints keep their transport. Simulated on a real in-process cluster by removing a lot's
/// entries and the migration's marker.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerMigrationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task LotsWithoutLedger_GetItBackFromTheirShipmentsAndBatches_AndTheFootprintIsUnchanged()
    {
        var grains = fixture.Grains;
        var index = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IIndexStore>();
        var departed = new LocalDateTime(2026, 3, 2, 8, 0).WithOffset(Offset.FromHoursAndMinutes(5, 30));
        Must(await grains.GetGrain<ISupplierGrain>("mig-mill").Register(new SupplierInput("Mill", "IN", 2, null), "test"));
        Must(await grains.GetGrain<IMaterialLotGrain>("mig-F").Record(new LotInput("fabric", 800, "kg", "mig-mill", "IN", null, null, 0, new LotFactorInput(FactorSourceKind.Primary, 4, "kg", "test", null), []), "test"));
        Must(await grains.GetGrain<IShipmentGrain>("mig-S1").Record(new ShipmentInput(["mig-F"], "Mill", "Port", TransportMode.Road, 400, "km", 800, "kg", departed, departed.PlusHours(12)), "test"));
        Must(await grains.GetGrain<IProductGrain>("mig-tee").Define(new ProductInput("Tee", null, "1 piece", [new BomLineInput(Footprints.BomLineKind.Material, "fabric", 200, "g")], null, null, null), "test"));
        Must(await grains.GetGrain<IProductionBatchGrain>("mig-B1").Record(new BatchInput("mig-tee", ["mig-F"], 1000, departed.PlusHours(48)), "test"));
        var before = Must(await grains.GetGrain<IProductFiguresGrain>("mig-tee").Analyze(null)).Footprint!.TotalKgCo2e;

        // As a store from before the ledger: no entries for the lot, no marker.
        foreach (var key in new[] { "shipment:mig-S1", "batch:mig-B1" })
        {
            await index.RemoveAsync(LotLedgerIndex.Name, "mig-F", key);
        }

        await index.RemoveAsync("migrations", SupplyChainLists.All, "lot-ledger-1");
        // The lot reads its ledger on activation: deactivate it, and wait until a new activation shows the ledger as stored.
        var lost = await LedgerAfterReactivationAsync(grains);

        await LedgerMigration.RunAsync(index, grains);
        await LedgerMigration.RunAsync(index, grains); // the marker makes a second run a no-op
        var movements = (await grains.GetGrain<IMaterialLotGrain>("mig-F").Movements())!;
        var after = Must(await grains.GetGrain<IProductFiguresGrain>("mig-tee").Analyze(null)).Footprint!.TotalKgCo2e;

        Assert.Equal(0, lost);
        Assert.Equal(["batch:mig-B1", "shipment:mig-S1"], movements.Select(m => m.Key).Order(StringComparer.Ordinal));
        // 800 kg shipped, then 1,000 × 0.2 kg = 200 kg consumed at Port (where the lot is): 600 kg remain there.
        Assert.Equal(600m, (await grains.GetGrain<IMaterialLotGrain>("mig-F").Get())!.Balance.Locations.Single(l => l.Location == "Port").RemainingKg);
        // 0.2 kg × 4.0 + 0.2 kg × (0.8 t × 400 km ÷ 800 kg = 0.4 t.km/kg) × 0.14993 = 0.8 + 0.0119944 = 0.8119944, before and after.
        Assert.Equal(0.8119944m, before);
        Assert.Equal(before, after);
    }

    private static async Task<int> LedgerAfterReactivationAsync(IGrainFactory grains)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await grains.GetGrain<IMaterialLotGrain>("mig-F").Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
            var count = (await grains.GetGrain<IMaterialLotGrain>("mig-F").Movements())!.Count;
            if (count == 0 || DateTime.UtcNow > deadline)
            {
                return count;
            }
        }
    }

    private static T Must<T>(Domain.Outcome<T> outcome) => outcome.IsOk ? outcome.Value! : throw new InvalidOperationException(outcome.Problem!.Detail);
}
