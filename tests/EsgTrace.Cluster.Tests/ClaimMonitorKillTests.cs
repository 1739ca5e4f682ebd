using System.Diagnostics;
using System.Globalization;
using EsgTrace.Accounts;
using EsgTrace.Claims;
using EsgTrace.Testing;
using NodaTime;
using Orleans.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace EsgTrace.Cluster.Tests;

/// <summary>
/// Three silos on Azurite, the claim monitor on a reminder. The silo running the monitor is found and killed with SIGKILL;
/// then new data breaks a published claim. The claim is read as recorded (no re-check on read), so only the monitor,
/// now fired by a surviving silo's reminder service, can turn it at risk, and it must within two monitor periods.
/// </summary>
public sealed class ClaimMonitorKillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task KillingTheSiloRunningTheClaimMonitor_AClaimBrokenByNewData_TurnsAtRiskWithinTwoPeriods()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(azurite.ConnectionString, silos: 3, portals: 1, new Dictionary<string, string>
        {
            ["Claims__MonitorMinutes"] = Period.TotalMinutes.ToString(CultureInfo.InvariantCulture),
            // Orleans refuses reminder periods under a minute unless told otherwise.
            ["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:05",
        });
        var supply = ApiClients.For(cluster.Portals[0], await cluster.IssueKeyAsync(Role.SupplyChain));
        var marketing = ApiClients.For(cluster.Portals[0], await cluster.IssueKeyAsync(Role.Marketing));
        var auditor = ApiClients.For(cluster.Portals[0], await cluster.IssueKeyAsync(Role.Auditor));
        var (tee, fabric) = await TestSupplyChain.RecordAsync(supply, "m");
        // 1.021853056 kg holds; one more 100 km road shipment adds 0.00001124475 kg (1.021864301 > 1.02186) and breaks it.
        await ClaimSteps.PublishAsync(marketing, auditor, "m-breaks", tee, 1.02186m);
        var admin = await cluster.AdminAsync();
        Assert.Equal(ClaimStatus.Published, (await admin.Grains.GetGrain<IClaimGrain>("m-breaks").Get())!.Status);

        // The monitor activates where its reminder fires: wait for a tick to place it, then find its silo.
        var management = admin.Grains.GetGrain<IManagementGrain>(0);
        var monitor = admin.Grains.GetGrain<IClaimMonitorGrain>(0);
        SiloAddress? holder = null;
        var placing = Stopwatch.StartNew();
        while (holder is null && placing.Elapsed < 3 * Period)
        {
            holder = await management.GetActivationAddress(monitor);
            await Task.Delay(250);
        }

        Assert.True(holder is not null, "the claim monitor never ran\n" + cluster.Logs());
        var victim = cluster.SiloAt(holder.Endpoint.Port);
        cluster.KillSilo(victim);

        var traffic = new ShipmentTraffic([supply], fabric, "m");
        await traffic.SendAsync(0, 1, concurrency: 1, retry: true);
        Assert.True(traffic.Unexpected.IsEmpty, string.Join("\n", traffic.Unexpected) + "\n" + cluster.Logs());
        Assert.Single(traffic.Acknowledged);
        var brokenAt = SystemClock.Instance.GetCurrentInstant();
        var broken = Stopwatch.StartNew();

        // The poll only observes; the time that counts is the one the claim recorded when the monitor turned it. The
        // observer may wait on its own client (connected to the killed silo's gateway, a call can hang until the
        // response timeout), so it is given more time than the limit it checks.
        ClaimView? claim = null;
        var status = ClaimStatus.Published;
        while (status != ClaimStatus.AtRisk && broken.Elapsed < 2 * Period + TimeSpan.FromSeconds(60))
        {
            try
            {
                claim = await admin.Grains.GetGrain<IClaimGrain>("m-breaks").Get();
                status = claim!.Status;
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                // the test's own client may have been connected to the killed silo's gateway
            }

            await Task.Delay(500);
        }

        var observed = broken.Elapsed;
        var atRisk = claim?.Steps.LastOrDefault(s => s.Step == "at risk");
        var turned = atRisk is null ? observed : (atRisk.At - brokenAt).ToTimeSpan();
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(60));
        var members = await cluster.MembersAsync();
        var survivor = await management.GetActivationAddress(monitor);
        FaultReport.Write(output, nameof(ClaimMonitorKillTests), $"3 silos, monitor period {Period.TotalSeconds} s; killed the monitor's silo {holder}; claim broken by a shipment acknowledged {traffic.Summary()}; at risk {turned.TotalSeconds:F1} s after it by the claim's record (limit {2 * Period.TotalSeconds} s; seen by the poller after {observed.TotalSeconds:F1} s); monitor now on {survivor}");

        Assert.Equal(ClaimStatus.AtRisk, status);
        Assert.True(turned <= 2 * Period, $"at risk only after {turned.TotalSeconds:F1} s\n" + cluster.Logs());
        Assert.True(victim.HasExited);
        Assert.Single(members, m => m.Status == SiloStatus.Dead && m.SiloPort == holder.Endpoint.Port);
        Assert.NotNull(survivor);
        Assert.NotEqual(holder, survivor);
    }
}
