using EsgTrace.Gs1;
using System.Text.Json;
using EsgTrace.Audit;
using EsgTrace.Claims;
using EsgTrace.Factors;
using EsgTrace.Footprints;
using EsgTrace.GreenIt;
using EsgTrace.Hosting.Sqlite;
using EsgTrace.MassBalance;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using EsgTrace.Testing;
using EsgTrace.Time;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Orleans.TestingHost;
using Xunit;

namespace EsgTrace.Grains.Tests.EventSourcing;

/// <summary>
/// One crash-recovery test per event-sourced grain, on a real in-process cluster on SQLite: every write a command makes after
/// its event reaches the log fails in turn (before it is written, and after it was written with its answer lost); the same
/// command is then retried, and the log, the index entries and the audit records must each show the change exactly once.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private static readonly OffsetDateTime Departed = new(new LocalDateTime(2026, 4, 1, 8, 0), Offset.FromHours(2));
    private static readonly LocalDate Today = ClusterFixture.Start.InUtc().Date;

    private readonly TempDirectory _directory = new();
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    private IServiceProvider Services => _cluster.Silos[0].ServiceProvider;

    private FailingTableStore Store => (FailingTableStore)Services.GetRequiredService<ITableStore>();

    public async Task InitializeAsync()
        => _cluster = await TestClusters.StartAsync(TestClusters.Embedded(_directory.Path), new FakeClock(ClusterFixture.Start), services: s => s.AddSingleton<ITableStore>(sp => new FailingTableStore(sp.GetRequiredService<SqliteTableStore>())));

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Supplier_RegisteredOnce_WhateverWriteAfterItsEventFails()
        => await EveryFailureAsync("sup", async id => (await Grains.GetGrain<ISupplierGrain>(id).Register(new SupplierInput("Mill " + id, "IN", 2, null), "tester")).IsOk, async id =>
        {
            await AssertLogAsync(SupplyChainStreams.Supplier(id), 1);
            await AssertAuditedOnceAsync("supplier:" + id, "supplier.registered");
            Assert.Equal(1, (await ListedAsync<SupplierView>(SupplyChainLists.Suppliers, SupplyChainLists.All, id)).Version);
        });

    [Fact]
    public async Task Lot_RecordedOnce_WithItsIdentifierAndListRow_WhateverWriteAfterItsEventFails()
    {
        await SupplierAsync();
        await EveryFailureAsync("lot", async id => (await Grains.GetGrain<IMaterialLotGrain>(id).Record(Lot(1_000, Epc("0", id)), "tester")).IsOk, async id =>
        {
            await AssertLogAsync(SupplyChainStreams.Lot(id), 1);
            await AssertAuditedOnceAsync("lot:" + id, "lot.recorded");
            Assert.Equal(1, (await ListedAsync<LotView>(SupplyChainLists.Lots, SupplyChainLists.All, id)).Version);
            Assert.Equal(1, (await ListedAsync<LotView>(SupplyChainLists.LotsBySupplier, SupplyChainLists.SupplierPartition("r-mill"), id)).Version);
            Assert.Equal(id, await SupplyChainIndexes.FindAsync(Index, SupplyChainLists.LotsByEpc, Canonical(Epc("0", id))));
        });
    }

    [Fact]
    public async Task SupplierRequest_CreatedOnce_ListedForTheBrandAndTheSupplier_WhateverWriteAfterItsEventFails()
    {
        await SupplierAsync();
        Assert.True((await Grains.GetGrain<IMaterialLotGrain>("req-lot").Record(Lot(1_000, null), "tester")).IsOk);
        var request = new EsgTrace.SupplierPortal.SupplierRequestInput(EsgTrace.SupplierPortal.SupplierRequestKind.Footprint, "r-mill", "req-lot", null, "Your PCF of lot req-lot, please.");
        await EveryFailureAsync("req", async id => (await Grains.GetGrain<EsgTrace.SupplierPortal.ISupplierRequestGrain>(id).Create(request, "tester")).IsOk, async id =>
        {
            await AssertLogAsync("supplier-request/" + id, 1);
            await AssertAuditedOnceAsync("supplier-request:" + id, "supplier-request.created");
            Assert.Equal(1, (await ListedAsync<EsgTrace.SupplierPortal.SupplierRequestView>(EsgTrace.SupplierPortal.SupplierPortalLists.Requests, SupplyChainLists.All, id)).Version);
            Assert.Equal(1, (await ListedAsync<EsgTrace.SupplierPortal.SupplierRequestView>(EsgTrace.SupplierPortal.SupplierPortalLists.Requests, EsgTrace.SupplierPortal.SupplierPortalLists.Of("r-mill"), id)).Version);
        });
    }

    [Fact]
    public async Task LotCorrection_RecordedOnce_AndItsIdentifierMoved_WhateverWriteAfterItsEventFails()
    {
        await SupplierAsync();
        await EveryFailureAsync(
            "lotfix",
            async id => (await Grains.GetGrain<IMaterialLotGrain>(id).Correct(Lot(900, Epc("1", id)), 1, "weighed again", "tester")).IsOk,
            async id =>
            {
                await AssertLogAsync(SupplyChainStreams.Lot(id), 2);
                await AssertAuditedOnceAsync("lot:" + id, "lot.corrected");
                Assert.Equal(2, (await ListedAsync<LotView>(SupplyChainLists.Lots, SupplyChainLists.All, id)).Version);
                Assert.Equal(id, await SupplyChainIndexes.FindAsync(Index, SupplyChainLists.LotsByEpc, Canonical(Epc("1", id))));
                Assert.Null(await SupplyChainIndexes.FindAsync(Index, SupplyChainLists.LotsByEpc, Canonical(Epc("0", id))));
                Assert.Equal(900m, (await Grains.GetGrain<IMaterialLotGrain>(id).Get())!.Lot.Quantity);
            },
            setUp: async id => Assert.True((await Grains.GetGrain<IMaterialLotGrain>(id).Record(Lot(1_000, Epc("0", id)), "tester")).IsOk));
    }

    [Fact]
    public async Task Product_DefinedOnce_WhateverWriteAfterItsEventFails()
        => await EveryFailureAsync("prod", async id => (await Grains.GetGrain<IProductGrain>(id).Define(Product(), "tester")).IsOk, async id =>
        {
            await AssertLogAsync(SupplyChainStreams.Product(id), 1);
            await AssertAuditedOnceAsync("product:" + id, "product.defined");
            Assert.Equal(1, (await ListedAsync<ProductView>(SupplyChainLists.Products, SupplyChainLists.All, id)).Version);
            Assert.Equal(id, await SupplyChainIndexes.FindAsync(Index, SupplyChainLists.ProductsByGtin, "04006381333931"));
        });

    [Fact]
    public async Task Batch_RecordedOnce_WithOneLedgerEntryPerLot_WhateverWriteAfterItsEventFails()
    {
        await SupplierAsync();
        Assert.True((await Grains.GetGrain<IMaterialLotGrain>("b-L").Record(Lot(1_000, null), "tester")).IsOk);
        Assert.True((await Grains.GetGrain<IProductGrain>("b-P").Define(Product() with { Gtin = null }, "tester")).IsOk);
        var batches = 0;
        await EveryFailureAsync("bat", async id => (await Grains.GetGrain<IProductionBatchGrain>(id).Record(new BatchInput("b-P", ["b-L"], 10, Departed), "tester")).IsOk, async id =>
        {
            batches++;
            await AssertLogAsync(SupplyChainStreams.Batch(id), 1);
            await AssertAuditedOnceAsync("batch:" + id, "batch.recorded");
            Assert.Equal(1, (await ListedAsync<BatchView>(SupplyChainLists.Batches, "b-P", id)).Version);
            var movements = (await Grains.GetGrain<IMaterialLotGrain>("b-L").Movements())!;
            Assert.Equal(2m, Assert.Single(movements, m => m.RecordId == id).Kg); // 10 pieces × 200 g
            Assert.Equal(batches, movements.Count);
            Assert.Equal(batches, (await LotLedgerIndex.ReadAllAsync(Index, "b-L")).Count);
        });
    }

    [Fact]
    public async Task ShipmentCorrection_RecordedOnce_WhateverWriteAfterItsEventFails()
    {
        await SupplierAsync();
        Assert.True((await Grains.GetGrain<IMaterialLotGrain>("s-L").Record(Lot(1_000, null), "tester")).IsOk);
        var minute = 0;
        ShipmentInput input = null!;
        await EveryFailureAsync(
            "shp",
            async id => (await Grains.GetGrain<IShipmentGrain>(id).Correct(input with { Mass = 20 }, 1, "weighed again", "tester")).IsOk,
            async id =>
            {
                await AssertLogAsync(SupplyChainStreams.Shipment(id), 2);
                await AssertAuditedOnceAsync("shipment:" + id, "shipment.corrected");
                Assert.Equal(2, (await ShipmentList.GetAsync(Index, id, input with { Mass = 20 }))!.Version);
                Assert.Equal(20m, (await LotLedgerIndex.GetAsync(Index, "s-L", "shipment:" + id))!.Kg);
            },
            setUp: async id =>
            {
                input = new ShipmentInput(["s-L"], "Mill", "Plant", TransportMode.Road, 100, "km", 10, "kg", Departed.PlusMinutes(minute), Departed.PlusMinutes(minute++).PlusHours(2));
                Assert.True((await Grains.GetGrain<IShipmentGrain>(id).Record(input, "tester")).IsOk);
            });
    }

    [Fact]
    public async Task Workload_DefinedOnce_WhateverWriteAfterItsEventFails()
        => await EveryFailureAsync("wl", async id => (await Grains.GetGrain<IWorkloadGrain>(id).Define(Workload(), "tester")).IsOk, async id =>
        {
            await AssertLogAsync("workload/" + id, 1);
            await AssertAuditedOnceAsync("workload:" + id, "workload.defined");
            Assert.Equal(1, (await ListedAsync<WorkloadView>(GreenItIndexes.Workloads, GreenItIndexes.All, id)).Version);
        });

    [Fact]
    public async Task GreenItAction_RecordedOnce_WhateverWriteAfterItsEventFails()
    {
        Assert.True((await Grains.GetGrain<IWorkloadGrain>("a-W").Define(Workload(), "tester")).IsOk);
        await EveryFailureAsync("act", async id => (await Grains.GetGrain<IGreenItActionGrain>(id).Record(new GreenItAction("Rightsize " + id, GreenItActionKind.Rightsizing, new LocalDate(2026, 1, 1), ["a-W"]), "tester")).IsOk, async id =>
        {
            await AssertLogAsync("green-it-action/" + id, 1);
            await AssertAuditedOnceAsync("green-it-action:" + id, "green-it-action.recorded");
            Assert.Equal(1, (await ListedAsync<GreenItActionView>(GreenItIndexes.Actions, GreenItIndexes.All, id)).Version);
        });
    }

    [Fact]
    public async Task Claim_DraftedOnce_WhateverWriteAfterItsEventFails()
        => await EveryFailureAsync("clm", async id => (await Grains.GetGrain<IClaimGrain>(id).Draft(new ClaimDraft("c-P", ClaimType.FootprintAtMost, 1.5m, "Cradle-to-gate footprint of at most 1.5 kg CO2e per T-shirt", new LocalDate(2030, 12, 31)), "tester")).IsOk, async id =>
        {
            await AssertLogAsync("claim/" + id, 1);
            await AssertAuditedOnceAsync("claim:" + id, "claim.drafted");
            Assert.Equal(1, (await ListedAsync<ClaimView>("claims", "all", id)).Version);
        });

    private IIndexStore Index => Services.GetRequiredService<IIndexStore>();

    /// <summary>
    /// For the 1st, 2nd, … write after the command's event, in both failure modes: a fresh record, the write fails, the command
    /// is retried and must succeed, and <paramref name="assertOnce"/> holds. Ends at the first position no write reaches.
    /// </summary>
    private async Task EveryFailureAsync(string name, Func<string, Task<bool>> command, Func<string, Task> assertOnce, Func<string, Task>? setUp = null)
    {
        var failed = new List<string>();
        for (var skip = 0; skip < 20; skip++)
        {
            foreach (var mode in new[] { InjectedFailure.BeforeWrite, InjectedFailure.AfterWrite })
            {
                var id = $"{name}-{skip}-{(mode == InjectedFailure.BeforeWrite ? "b" : "a")}";
                if (setUp is not null)
                {
                    await setUp(id);
                }

                Store.FailAfterNextEvent(skip, mode);
                var ok = false;
                var firstTry = await Record.ExceptionAsync(async () => ok = await command(id));
                Store.Disarm();
                if (!Store.Fired)
                {
                    // Every write after the event has had its turn; this command had no failure and must simply have worked.
                    Assert.Null(firstTry);
                    Assert.True(ok, $"{id} was refused.");
                    await assertOnce(id);
                    Assert.True(failed.Count >= 4, $"Expected several writes after the event, saw failures at: {string.Join("; ", failed)}");
                    return;
                }

                failed.Add($"{skip}/{mode}: {Store.FailedTable}");
                Assert.NotNull(firstTry);
                Assert.True(await command(id), $"The retry of {id} was refused.");
                await assertOnce(id);
            }
        }

        Assert.Fail("A command made more than 20 writes after its event.");
    }

    private async Task AssertLogAsync(string stream, int events)
        => Assert.Equal(events, await Services.GetRequiredService<IEventLog>().ReadAsync(stream).CountAsync());

    private async Task AssertAuditedOnceAsync(string subject, string action)
    {
        var records = new List<AuditRecord>();
        string? after = null;
        do
        {
            var page = await Services.GetRequiredService<IAuditTrail>().ReadDayAsync(Today, after, 500);
            records.AddRange(page.Records.Where(r => r.Subject == subject));
            after = page.NextAfterKey;
        }
        while (after is not null);

        Assert.Single(records, r => r.Action == action);
        Assert.Equal(records.Count, records.Distinct().Count());
    }

    private async Task<T> ListedAsync<T>(string name, string partition, string key)
    {
        var row = await Index.GetAsync(name, partition, key);
        Assert.True(row is not null, $"No row {key} in index {name}/{partition}.");
        return JsonSerializer.Deserialize<T>(row.Value.Span, EsgJson.Options)!;
    }

    private async Task SupplierAsync()
        => Assert.True((await Grains.GetGrain<ISupplierGrain>("r-mill").Register(new SupplierInput("Weaving mill", "IN", 2, null), "tester")).IsOk);

    private static LotInput Lot(decimal kg, string? epc)
        => new("fabric", kg, "kg", "r-mill", "IN", null, null, 0, new LotFactorInput(FactorSourceKind.Primary, 4.0m, "kg", "test", null), [], EpcClass: epc, Site: "Mill");

    private static string Epc(string item, string lot) => $"urn:epc:class:lgtin:4012345.{item}12345.{lot}";

    private static string Canonical(string epc) => DigitalLink.Canonical(epc)!;

    private static ProductInput Product()
        => new("Tee", "4006381333931", "1 piece", [new BomLineInput(BomLineKind.Material, "fabric", 200, "g")], 0.5m, "kWh", "grid.DE");

    private static WorkloadDefinition Workload() => new("W", "team", "aws", "eu-central-1", "run");
}
