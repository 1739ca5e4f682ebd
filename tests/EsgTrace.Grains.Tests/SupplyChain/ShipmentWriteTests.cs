using EsgTrace.Factors;
using EsgTrace.Hosting.Sqlite;
using EsgTrace.MassBalance;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using Xunit;

namespace EsgTrace.Grains.Tests.SupplyChain;

/// <summary>
/// What recording a shipment costs in durable writes, counted at the table store under a real in-process cluster on SQLite:
/// one atomic batch of four rows for a shipment of one lot (its event, the lot's ledger entry, the audit record, the list
/// row), however long the lot's ledger already is; and what is written is what every read shows, before and after a restart,
/// on SQLite and on Azure Tables (Azurite).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ShipmentWriteTests(AzuriteFixture azurite)
{
    private static readonly OffsetDateTime Departed = new(new LocalDateTime(2026, 4, 1, 8, 0), Offset.FromHours(2));

    [Fact]
    public async Task RecordingAShipmentOfOneLot_IsOneAtomicBatchOfAtMostFourRows_AtAnyLedgerLength()
    {
        using var directory = new TempDirectory();
        await using var cluster = await StartAsync(directory.Path);
        var grains = cluster.Client;
        var writes = Store(cluster);
        await RecordLotAsync(grains, "w-L", 1_000);
        const int Shipments = 40;

        for (var i = 0; i < Shipments; i++)
        {
            writes.Clear();
            var recorded = await grains.GetGrain<IShipmentGrain>($"w-S{i}").Record(Shipment(["w-L"], i), "tester");

            Assert.True(recorded.IsOk, recorded.Problem?.Detail);
            var batch = Assert.Single(writes.Writes);
            Assert.Equal(nameof(ITableStore.WriteAtomicAsync), batch.Call);
            Assert.True(batch.Rows.Count <= 4, string.Join(", ", batch.Rows));
            Assert.Equal(["eventlog", "ixlotledger", "ixaudit", "ixshipments"], batch.Rows.Select(r => r[..r.IndexOf('/', StringComparison.Ordinal)]));
        }

        // The same request again (a client's retry). A recorded shipment's activation is gone, so the retry's batch is tried,
        // finds the event taken and writes nothing; the answer comes from the log.
        writes.Clear();
        var retried = await grains.GetGrain<IShipmentGrain>("w-S0").Record(Shipment(["w-L"], 0), "tester");
        Assert.True(retried.IsOk, retried.Problem?.Detail);
        Assert.Equal(1, retried.Value!.Version);
        Assert.Equal(nameof(ITableStore.WriteAtomicAsync), Assert.Single(writes.Writes).Call);
        var services = cluster.Silos[0].ServiceProvider;
        Assert.Single(await services.GetRequiredService<IEventLog>().ReadAsync(SupplyChainStreams.Shipment("w-S0")).ToListAsync());
        var audit = await services.GetRequiredService<Audit.IAuditTrail>().ReadDayAsync(ClusterFixture.Start.InUtc().Date, null, 500);
        Assert.Single(audit.Records, r => r.Subject == "shipment:w-S0");
        Assert.Equal(Shipments, (await grains.GetGrain<IMaterialLotGrain>("w-L").Get())!.Balance.Shipments);

        // Once its log is read (any other call), a retry writes nothing at all.
        await grains.GetGrain<IShipmentGrain>("w-S1").Get();
        writes.Clear();
        Assert.True((await grains.GetGrain<IShipmentGrain>("w-S1").Record(Shipment(["w-L"], 1), "tester")).IsOk);
        Assert.Empty(writes.Writes);

        // A shipment of two lots adds one ledger entry per extra lot, in the same batch.
        writes.Clear();
        await RecordLotAsync(grains, "w-M", 1_000);
        writes.Clear();
        Assert.True((await grains.GetGrain<IShipmentGrain>("w-two").Record(Shipment(["w-L", "w-M"], Shipments), "tester")).IsOk);
        Assert.Equal(5, Assert.Single(writes.Writes).Rows.Count);

        // 40 shipments of 1 kg and half of the 2 kg two-lot shipment (the lots weigh the same) left Mill.
        var lot = (await grains.GetGrain<IMaterialLotGrain>("w-L").Get())!;
        Assert.Equal(41, lot.Balance.Shipments);
        Assert.Equal(41m, lot.Balance.Locations.Single(l => l.Location == "Plant").ReceivedKg);
        Assert.Equal(959m, lot.Balance.Locations.Single(l => l.Location == "Mill").RemainingKg);
        Assert.Equal(Shipments + 1, (await ListAsync(grains, SupplyChainLists.LotPartition("w-L"))).Count);
        Assert.Equal(["w-two"], (await ListAsync(grains, SupplyChainLists.LotPartition("w-M"))).Select(s => s.Id));
    }

    [Fact]
    public async Task AShipmentOfAHundredLots_TakesTwoBatchesInOrder_AndEveryLotCountsItsShare()
    {
        using var directory = new TempDirectory();
        await using var cluster = await StartAsync(directory.Path);
        var lots = Enumerable.Range(0, 100).Select(i => $"c-L{i}").ToList();
        foreach (var lot in lots)
        {
            await RecordLotAsync(cluster.Client, lot, 10);
        }

        var writes = Store(cluster);
        writes.Clear();
        var recorded = await cluster.Client.GetGrain<IShipmentGrain>("c-S").Record(Shipment(lots, 0), "tester");

        // 1 event + 100 ledger entries + audit + list row = 103 rows: 100, then 3, the event first and the list row last.
        Assert.True(recorded.IsOk, recorded.Problem?.Detail);
        Assert.Equal([100, 3], writes.Writes.Select(w => w.Rows.Count));
        Assert.StartsWith("eventlog/", writes.Writes[0].Rows[0], StringComparison.Ordinal);
        Assert.StartsWith("ixshipments/", writes.Writes[1].Rows[^1], StringComparison.Ordinal);
        var views = await Task.WhenAll(lots.Select(l => cluster.Client.GetGrain<IMaterialLotGrain>(l).Get()));
        Assert.All(views, v => Assert.Equal(1m, v!.Balance.Locations.Single(l => l.Location == "Plant").ReceivedKg)); // 100 kg over 100 equal lots
    }

    [Fact]
    public async Task Embedded_Lists_AllByModeAndByLot_ShowEachShipmentOnce_InDepartureOrder_AndSurviveARestart()
    {
        using var directory = new TempDirectory();
        await AssertListsAsync(TestClusters.Embedded(directory.Path));
    }

    [Fact]
    public async Task AzureStorage_Lists_AllByModeAndByLot_ShowEachShipmentOnce_InDepartureOrder_AndSurviveARestart()
        => await AssertListsAsync(TestClusters.Azure(azurite.ConnectionString, AzuriteFixture.UniquePrefix()));

    private static async Task AssertListsAsync(Dictionary<string, string?> settings)
    {
        var clock = new FakeClock(ClusterFixture.Start);
        var modes = new[] { TransportMode.Sea, TransportMode.Road, TransportMode.Rail, TransportMode.Road, TransportMode.Air };
        await using (var first = await TestClusters.StartAsync(settings, clock))
        {
            await RecordLotAsync(first.Client, "x-L", 1_000);
            await RecordLotAsync(first.Client, "x-M", 1_000);
            // Recorded out of departure order, spread over lots and modes.
            foreach (var i in new[] { 3, 0, 4, 1, 2 })
            {
                Assert.True((await first.Client.GetGrain<IShipmentGrain>($"x-S{i}").Record(Shipment([i % 2 == 0 ? "x-L" : "x-M"], i) with { Mode = modes[i] }, "tester")).IsOk);
            }
        }

        await using var second = await TestClusters.StartAsync(settings, clock);
        var grains = second.Client;
        var all = new List<ShipmentSummary>();
        string? after = null;
        do
        {
            // Pages of two across the merged mode partitions.
            var page = await grains.GetGrain<ISupplyChainDirectoryGrain>(0).List<ShipmentSummary>(SupplyChainLists.Shipments, SupplyChainLists.All, after, 2);
            all.AddRange(page.Items);
            after = page.NextAfterKey;
        }
        while (after is not null);

        Assert.Equal(["x-S0", "x-S1", "x-S2", "x-S3", "x-S4"], all.Select(s => s.Id));
        Assert.All(all, s => Assert.Equal(1, s.Version));
        Assert.Equal(["x-S1", "x-S3"], (await ListAsync(grains, SupplyChainLists.ModePartition(TransportMode.Road))).Select(s => s.Id));
        Assert.Equal(["x-S0", "x-S2", "x-S4"], (await ListAsync(grains, SupplyChainLists.LotPartition("x-L"))).Select(s => s.Id));
        var lots = await grains.GetGrain<ISupplyChainDirectoryGrain>(0).List<LotView>(SupplyChainLists.Lots, SupplyChainLists.All, null, 10);
        // The lot list shows the balance the lot has now, though its row was written before any shipment.
        Assert.Equal([3, 2], lots.Items.Select(l => l.Balance.Shipments));
        Assert.Equal(3, (await grains.GetGrain<IShipmentGrain>("x-S3").Get())!.Shipment.DepartedAt.Minute);
    }

    [Fact]
    public async Task Embedded_AShipmentWhoseBatchStoppedAfterItsEvent_IsFinishedOnItsNextCall_Once()
    {
        using var directory = new TempDirectory();
        await AssertFinishedAsync(TestClusters.Embedded(directory.Path));
    }

    [Fact]
    public async Task AzureStorage_AShipmentWhoseBatchStoppedAfterItsEvent_IsFinishedOnItsNextCall_Once()
        => await AssertFinishedAsync(TestClusters.Azure(azurite.ConnectionString, AzuriteFixture.UniquePrefix()));

    /// <summary>What Azure leaves when a batch fails after its first partition (the event), or a crash between two batches.</summary>
    private static async Task AssertFinishedAsync(Dictionary<string, string?> settings)
    {
        var clock = new FakeClock(ClusterFixture.Start);
        await using var cluster = await TestClusters.StartAsync(settings, clock);
        var grains = cluster.Client;
        var services = cluster.Silos[0].ServiceProvider;
        await RecordLotAsync(grains, "p-L", 100);
        var input = Shipment(["p-L"], 0) with { Mass = 30 };
        var recorded = new ShipmentRecorded(input, clock.GetCurrentInstant(), "tester", []);
        await services.GetRequiredService<IEventLog>().AppendAsync(SupplyChainStreams.Shipment("p-S"), 0, [ShipmentEventTypes.All.Encode(recorded)]);

        var view = await grains.GetGrain<IShipmentGrain>("p-S").Get();
        // Read again after a fresh activation, and the request retried: nothing is done twice.
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.True((await grains.GetGrain<IShipmentGrain>("p-S").Record(input, "tester")).IsOk);

        Assert.Equal(1, view!.Version);
        var lot = (await grains.GetGrain<IMaterialLotGrain>("p-L").Get())!;
        Assert.Equal(1, lot.Balance.Shipments);
        Assert.Equal(70m, lot.Balance.Locations.Single(l => l.Location == "Mill").RemainingKg);
        var listed = Assert.Single(await ListAsync(grains, SupplyChainLists.LotPartition("p-L")));
        Assert.Equal(("p-S", 1L), (listed.Id, listed.Version));
        Assert.Single(await ListAsync(grains, SupplyChainLists.All));
        var audit = await services.GetRequiredService<Audit.IAuditTrail>().ReadDayAsync(ClusterFixture.Start.InUtc().Date, null, 100);
        var record = Assert.Single(audit.Records, r => r.Subject == "shipment:p-S");
        Assert.Equal(recorded.At, record.At);
    }

    [Fact]
    public async Task AHoldWhoseWriterDiedAfterItsCommit_IsCountedFromTheLedgerWhenItExpires_AndOneNeverWrittenFreesTheMass()
    {
        using var directory = new TempDirectory();
        var clock = new FakeClock(ClusterFixture.Start);
        await using var cluster = await StartAsync(directory.Path, clock);
        var lot = cluster.Client.GetGrain<IMaterialLotGrain>("h-L");
        await RecordLotAsync(cluster.Client, "h-L", 100);
        var index = cluster.Silos[0].ServiceProvider.GetRequiredService<IIndexStore>();

        // Two writers hold 60 kg and 40 kg; the first commits its entry and dies before confirming, the second never commits.
        var committed = (await lot.Hold(Movement("h-dead", 60, clock), flagShortfall: false)).Entry!;
        Assert.NotNull((await lot.Hold(Movement("h-never", 40, clock), flagShortfall: false)).Entry);
        await LotLedgerIndex.PutAsync(index, "h-L", committed);
        Assert.NotNull((await lot.Hold(Movement("h-third", 1, clock), flagShortfall: false)).Shortfall); // all 100 kg held
        Assert.Equal(0, (await lot.Get())!.Balance.Shipments);

        clock.Advance(Duration.FromMinutes(3));
        var balance = (await lot.Get())!.Balance;

        // The committed 60 kg count; the 40 kg that were never written are free again.
        Assert.Equal(1, balance.Shipments);
        Assert.Equal(40m, balance.Locations.Single(l => l.Location == "Mill").RemainingKg);
        Assert.Equal(["shipment:h-dead"], (await lot.Movements())!.Select(m => m.Key));
        Assert.NotNull((await lot.Hold(Movement("h-fits", 40, clock), flagShortfall: false)).Entry);
        Assert.NotNull((await lot.Hold(Movement("h-over", 1, clock), flagShortfall: false)).Shortfall);
    }

    private static async Task<InProcessTestCluster> StartAsync(string directory, IClock? clock = null)
        => await TestClusters.StartAsync(TestClusters.Embedded(directory), clock ?? new FakeClock(ClusterFixture.Start), services: s => s.AddSingleton<ITableStore>(sp => new CountingTableStore(sp.GetRequiredService<SqliteTableStore>())));

    private static CountingTableStore Store(InProcessTestCluster cluster) => (CountingTableStore)cluster.Silos[0].ServiceProvider.GetRequiredService<ITableStore>();

    private static async Task RecordLotAsync(IGrainFactory grains, string id, decimal kg)
    {
        await grains.GetGrain<ISupplierGrain>("w-mill").Register(new SupplierInput("Weaving mill", "IN", 2, null), "tester");
        var lot = new LotInput("fabric", kg, "kg", "w-mill", "IN", null, null, 0, new LotFactorInput(FactorSourceKind.Primary, 4.0m, "kg", "test", null), [], Site: "Mill");
        var recorded = await grains.GetGrain<IMaterialLotGrain>(id).Record(lot, "tester");
        Assert.True(recorded.IsOk, recorded.Problem?.Detail);
    }

    private static ShipmentInput Shipment(IReadOnlyList<string> lots, int minute)
        => new(lots, "Mill", "Plant", TransportMode.Road, 100, "km", lots.Count, "kg", Departed.PlusMinutes(minute), Departed.PlusMinutes(minute).PlusHours(2));

    private static LotMovement Movement(string shipment, decimal kg, FakeClock clock)
        => new(MovementKind.Shipment, shipment, "Mill", "Plant", kg, TransportMode.Road, 100, Departed, clock.GetCurrentInstant());

    private static async Task<List<ShipmentSummary>> ListAsync(IGrainFactory grains, string filter)
        => [.. (await grains.GetGrain<ISupplyChainDirectoryGrain>(0).List<ShipmentSummary>(SupplyChainLists.Shipments, filter, null, 100)).Items];
}
