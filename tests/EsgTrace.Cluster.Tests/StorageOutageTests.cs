using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;
using Xunit.Abstractions;

namespace EsgTrace.Cluster.Tests;

/// <summary>
/// Azure Storage (Azurite) made unreachable for a few seconds under a silo and a portal while shipments are recorded:
/// a gate in front of it resets every connection and refuses new ones, then lets them through again. Writes in that window must fail with 503 (never 500, never a half-written shipment); once storage is back,
/// whatever had reached storage is complete, and the same requests sent again are stored exactly once.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const int Before = 20;
    private const int During = 8;

    [Fact]
    public async Task StorageUnreachableForSeconds_WritesAnswer503_NothingIsHalfWritten_AndRetriesStoreEachOnce()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        using var blobGate = new TcpGate(azurite.BlobPort);
        using var tableGate = new TcpGate(azurite.TablePort);
        await using var cluster = await LocalCluster.StartAsync(azurite.ConnectionStringVia(blobGate.Port, tableGate.Port), silos: 1, portals: 1);
        var api = ApiClients.For(cluster.Portals[0], await cluster.IssueKeyAsync(Role.SupplyChain));
        var (tee, fabric) = await TestSupplyChain.RecordAsync(api, "o");
        var traffic = new ShipmentTraffic([api], fabric, "out");
        await traffic.SendAsync(0, Before, concurrency: 4, retry: true);

        blobGate.Shut();
        tableGate.Shut();
        var outage = System.Diagnostics.Stopwatch.StartNew();
        await traffic.SendAsync(Before, Before + During, concurrency: 4, retry: false);
        var refusedWhileDown = traffic.Answers.Where(a => a.Key != "200").Sum(a => a.Value);
        blobGate.Open();
        tableGate.Open();
        outage.Stop();

        var ids = Enumerable.Range(0, Before + During).Select(traffic.Id).ToList();
        var afterOutage = await StoredState.ReadAsync(api, ids, fabric, tee, "out");
        var acknowledgedBeforeRetry = traffic.Acknowledged.ToList();
        await traffic.SendAsync(Before, Before + During, concurrency: 4, retry: true);
        var final = await StoredState.ReadAsync(api, ids, fabric, tee, "out");
        FaultReport.Write(output, nameof(StorageOutageTests), $"storage unreachable for {outage.Elapsed.TotalSeconds:F1} s under 1 silo + 1 portal: {During} shipments sent while down, {refusedWhileDown} refused ({traffic.Summary()}); after restart, before retries: acknowledged {acknowledgedBeforeRetry.Count}, {afterOutage.Summary()}; after retries: sent {traffic.Sent}, acknowledged {traffic.Acknowledged.Count}, {final.Summary()}");

        Assert.True(traffic.Unexpected.IsEmpty, string.Join("\n", traffic.Unexpected) + "\n" + cluster.Logs());
        Assert.True(refusedWhileDown > 0, "no write was refused while storage was down");
        Assert.True(traffic.Answers.ContainsKey("503"), traffic.Summary());
        Assert.Subset(afterOutage.ById.ToHashSet(), acknowledgedBeforeRetry.ToHashSet());
        // Whatever reached storage is whole: every shipment found by id is listed once and is the lot's leg once.
        Assert.Equal(afterOutage.ById.Order(), afterOutage.Listed.Order());
        Assert.Equal(afterOutage.ById.Order(), afterOutage.Legs.Order());
        Assert.Equal(TestSupplyChain.TeeKgCo2e + afterOutage.ById.Count * ShipmentTraffic.AddedPerShipment, afterOutage.FootprintKgCo2e);
        Assert.Equal(ids, final.ById.Order());
        Assert.Equal(ids, final.Listed.Order());
        Assert.Equal(ids, final.Legs.Order());
        // 1.021853056 + 28 × 0.00001124475 = 1.021853056 + 0.000314853 = 1.022167909 kg CO2e per piece
        Assert.Equal(1.022167909m, final.FootprintKgCo2e);
    }
}
