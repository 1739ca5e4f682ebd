using EsgTrace.Accounts;
using EsgTrace.Testing;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace EsgTrace.Cluster.Tests;

/// <summary>
/// The embedded platform (portal + silo + SQLite in WAL mode, as ./run.sh runs it) killed with SIGKILL while shipments are
/// being written: the database must be intact, every acknowledged shipment there once, nothing half-written.
/// </summary>
public sealed class EmbeddedKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EmbeddedPlatform_KilledMidWrite_KeepsEveryAcknowledgedShipment_AndAnIntactDatabase()
    {
        using var directory = new TempDirectory();
        string tee, fabric;
        ShipmentTraffic traffic;
        await using (var platform = await EmbeddedPlatform.StartAsync(directory.Path))
        {
            var api = ApiClients.For(platform.Address, await platform.IssueKeyAsync(Role.SupplyChain), TimeSpan.FromSeconds(20));
            (tee, fabric) = await TestSupplyChain.RecordAsync(api, "e");
            traffic = new ShipmentTraffic([api], fabric, "crash");
            using var stop = new CancellationTokenSource();
            try
            {
                await traffic.SendAsync(0, 400, concurrency: 8, retry: true, onAcknowledged: acknowledged =>
                {
                    if (acknowledged == 60)
                    {
                        platform.Process.Kill();
                        stop.CancelAfter(TimeSpan.FromMilliseconds(200));
                    }
                }, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // the platform is dead; what was sent and acknowledged is counted
            }
        }

        var integrity = IntegrityCheck(Path.Combine(directory.Path, "esgtrace.db"));
        var acknowledged = traffic.Acknowledged.ToList();
        var sent = traffic.Sent;
        await using var restarted = await EmbeddedPlatform.StartAsync(directory.Path);
        var again = ApiClients.For(restarted.Address, await restarted.IssueKeyAsync(Role.SupplyChain));
        var ids = Enumerable.Range(0, sent).Select(traffic.Id).ToList();
        var afterCrash = await StoredState.ReadAsync(again, ids, fabric, tee, "crash");
        var retry = new ShipmentTraffic([again], fabric, "crash");
        await retry.SendAsync(0, sent, concurrency: 8, retry: true);
        var final = await StoredState.ReadAsync(again, ids, fabric, tee, "crash");
        FaultReport.Write(output, nameof(EmbeddedKillTests), $"embedded platform (SQLite WAL) killed with SIGKILL after 60 acknowledgements: sent {sent} shipments ({traffic.Summary()}), acknowledged {acknowledged.Count}; integrity_check: {integrity}; after restart {afterCrash.Summary()}; after retrying all {sent}: {final.Summary()}");

        Assert.Equal("ok", integrity);
        Assert.True(acknowledged.Count >= 60);
        Assert.Subset(afterCrash.ById.ToHashSet(), acknowledged.ToHashSet());
        Assert.Equal(afterCrash.ById.Order(), afterCrash.Listed.Order());
        Assert.Equal(afterCrash.ById.Order(), afterCrash.Legs.Order());
        Assert.Equal(TestSupplyChain.TeeKgCo2e + afterCrash.ById.Count * ShipmentTraffic.AddedPerShipment, afterCrash.FootprintKgCo2e);
        Assert.Equal(ids, final.ById.Order());
        Assert.Equal(ids, final.Listed.Order());
        Assert.Equal(ids, final.Legs.Order());
        Assert.Equal(TestSupplyChain.TeeKgCo2e + sent * ShipmentTraffic.AddedPerShipment, final.FootprintKgCo2e);
        Assert.True(retry.Unexpected.IsEmpty, string.Join("\n", retry.Unexpected));
    }

    private static string IntegrityCheck(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
