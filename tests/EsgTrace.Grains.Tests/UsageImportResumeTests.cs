using System.Globalization;
using System.Text;
using EsgTrace.GreenIt;
using EsgTrace.Jobs;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Orleans.TestingHost;
using Xunit;

namespace EsgTrace.Grains.Tests;

/// <summary>
/// An accepted import is durable: the cluster stops right after the import was accepted (while it is being applied), a
/// new cluster starts over the same storage, the pending-work scan (at start-up and on its reminder) resumes it, and every row lands exactly once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UsageImportResumeTests(AzuriteFixture azurite)
{
    private const int Workloads = 10;
    private const int Days = 2_500;

    [Fact]
    public async Task Embedded_ImportInterruptedByAShutdown_IsResumedAndComplete()
    {
        using var directory = new TempDirectory();
        await AssertResumedAsync(TestClusters.Embedded(directory.Path));
    }

    [Fact]
    public async Task AzureStorage_ImportInterruptedByAShutdown_IsResumedAndComplete()
        => await AssertResumedAsync(TestClusters.Azure(azurite.ConnectionString, AzuriteFixture.UniquePrefix()));

    private static async Task AssertResumedAsync(Dictionary<string, string?> settings)
    {
        var clock = new FakeClock(ClusterFixture.Start);
        var csv = Csv();
        string id;
        long appliedAtShutdown;
        await using (var first = await TestClusters.StartAsync(settings, clock))
        {
            var staged = await first.Client.GetGrain<IDocumentStoreGrain>(0).Store(UsageImportGrain.Container, "csv", csv, "text/csv");
            id = staged.Sha256;
            var accepted = await first.Client.GetGrain<IUsageImportGrain>(id).Start(staged.Name, "test");
            Assert.Equal(UsageImportPhase.Applying, accepted.Phase);
            appliedAtShutdown = (await first.Client.GetGrain<IUsageImportGrain>(id).Status())!.AppliedRows;
        }

        await using var second = await TestClusters.StartAsync(settings, clock);
        await second.Client.GetGrain<IPendingWorkGrain>(0).ResumeAll();
        var import = second.Client.GetGrain<IUsageImportGrain>(id);
        var status = (await import.Status())!;
        for (var i = 0; i < 300 && status.Phase == UsageImportPhase.Applying; i++)
        {
            await Task.Delay(100);
            status = (await import.Status())!;
        }

        Assert.True(appliedAtShutdown < Workloads * Days, "the import finished before the shutdown; nothing was left to resume");
        Assert.Equal(UsageImportPhase.Applied, status.Phase);
        Assert.Equal(Workloads * Days, status.AppliedRows);
        for (var w = 0; w < Workloads; w++)
        {
            var workload = await second.Client.GetGrain<IWorkloadGrain>($"resume-{w}").Get();
            Assert.Equal(Days, workload!.UsageRecords);
        }

        // The pending marker goes after the final state write; a later scan clears one a crash left behind.
        await second.Client.GetGrain<IPendingWorkGrain>(0).ResumeAll();
        var pending = await Services(second).GetRequiredService<IIndexStore>().ScanAsync(GreenItIndexes.Imports, GreenItIndexes.Pending, null, null, 10);
        Assert.Empty(pending.Entries);
    }

    private static IServiceProvider Services(InProcessTestCluster cluster) => cluster.Silos[0].ServiceProvider;

    private static byte[] Csv()
    {
        var csv = new StringBuilder("workload_id,period_start,period_end,provider,region,vcpu_hours,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,functional_units\n");
        var day0 = new LocalDate(2019, 1, 1);
        for (var d = 0; d < Days; d++)
        {
            var day = day0.PlusDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var w = 0; w < Workloads; w++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"resume-{w},{day},{day},aws,eu-central-1,{24 + w},48,0.1,0,1,{100 + d}\n");
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
