using System.Net.Http.Json;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Orleans.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace EsgTrace.Cluster.Tests;

/// <summary>
/// Three silos and two portals as separate processes on loopback, one Azurite, membership in the official Orleans Azure table. One silo is
/// killed with SIGKILL while shipments are being recorded through both portals. Every shipment the API acknowledged must
/// be stored exactly once (by id, in the lot's list, as the lot's leg), the survivors must take the grains over, and the
/// footprint and claims must come out as computed by hand.
/// </summary>
public sealed class SiloKillTests(ITestOutputHelper output)
{
    private const int Shipments = 120;

    [Fact]
    public async Task KillingOneOfThreeSilos_WhileShipmentsAreRecorded_LosesNothing_AndStoresNothingTwice()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(azurite.ConnectionString, silos: 3, portals: 2);
        var supply = new List<HttpClient>();
        foreach (var portal in cluster.Portals)
        {
            supply.Add(ApiClients.For(portal, await cluster.IssueKeyAsync(Role.SupplyChain)));
        }

        var marketing = ApiClients.For(cluster.Portals[1], await cluster.IssueKeyAsync(Role.Marketing));
        var auditor = ApiClients.For(cluster.Portals[0], await cluster.IssueKeyAsync(Role.Auditor));
        var (tee, fabric) = await TestSupplyChain.RecordAsync(supply[0], "k");
        // Two published claims on the T-shirt: at most 1.5 kg holds whatever happens; at most 1.0225 kg breaks after 58 more
        // shipments ((1.0225 − 1.021853056) ÷ 0.00001124475 = 57.5).
        await ClaimSteps.PublishAsync(marketing, auditor, "k-holds", tee, 1.5m);
        await ClaimSteps.PublishAsync(marketing, auditor, "k-breaks", tee, 1.0225m);

        var traffic = new ShipmentTraffic(supply, fabric, "kill");
        var victim = cluster.Silos[1];
        var killed = new TaskCompletionSource();
        var sending = traffic.SendAsync(0, Shipments, concurrency: 6, retry: true, onAcknowledged: acknowledged =>
        {
            if (acknowledged >= Shipments / 3 && killed.TrySetResult())
            {
                cluster.KillSilo(victim);
            }
        });
        await sending;
        Assert.True(killed.Task.IsCompleted, "the silo was never killed");
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(60));
        var members = await cluster.MembersAsync();

        var stored = await StoredState.ReadAsync(supply[1], Enumerable.Range(0, Shipments).Select(traffic.Id), fabric, tee, "kill");
        var holds = await (await marketing.GetAsync("/api/claims/k-holds")).Content.ReadFromJsonAsync<JsonElement>();
        var breaks = await (await marketing.GetAsync("/api/claims/k-breaks")).Content.ReadFromJsonAsync<JsonElement>();
        FaultReport.Write(output, nameof(SiloKillTests), $"3 silos + 2 portals, silo killed (SIGKILL) after {Shipments / 3} acknowledgements: sent {traffic.Sent} shipments in {traffic.Attempts} requests ({traffic.Summary()}); acknowledged {traffic.Acknowledged.Count}; {stored.Summary()}");

        Assert.True(traffic.Unexpected.IsEmpty, string.Join("\n", traffic.Unexpected) + "\n" + cluster.Logs());
        Assert.Equal(Shipments, traffic.Acknowledged.Count);
        Assert.Equal(traffic.Acknowledged.Order(), stored.ById.Order());
        Assert.Equal(traffic.Acknowledged.Order(), stored.Listed.Order()); // each exactly once in the list
        Assert.Equal(traffic.Acknowledged.Order(), stored.Legs.Order()); // each exactly once in the lot's ledger
        // 1.021853056 + 120 × 0.00001124475 = 1.021853056 + 0.00134937 = 1.023202426 kg CO2e per piece
        Assert.Equal(1.023202426m, stored.FootprintKgCo2e);
        Assert.Equal(TestSupplyChain.TeeKgCo2e + Shipments * ShipmentTraffic.AddedPerShipment, stored.FootprintKgCo2e);
        Assert.Equal("published", holds.GetProperty("status").GetString());
        Assert.Equal("at-risk", breaks.GetProperty("status").GetString());
        Assert.Equal(2, members.Count(m => m.Status == SiloStatus.Active));
        Assert.Single(members, m => m.Status == SiloStatus.Dead);
        Assert.True(victim.HasExited);
    }
}
