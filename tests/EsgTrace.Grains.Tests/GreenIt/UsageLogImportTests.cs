using System.Globalization;
using System.Text;
using System.Text.Json;
using EsgTrace.GreenIt;
using EsgTrace.Storage;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Orleans.TestingHost;
using Xunit;

namespace EsgTrace.Grains.Tests.GreenItImports;

/// <summary>
/// Usage at scale lives in the usage log, not in grain state: imports go through a streamed upload, rows land in table
/// "usagelog", the workload's snapshot stays a few hundred bytes whatever it holds, a later import's record for a period
/// replaces the earlier one, and a FOCUS export's charges of one day add up. On the embedded store and on Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UsageLogImportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Embedded_UsageIsInTheLog_NotInGrainState()
    {
        using var directory = new TempDirectory();
        await AssertUsageInTheLogAsync(TestClusters.Embedded(directory.Path));
    }

    [Fact]
    public async Task AzureStorage_UsageIsInTheLog_NotInGrainState()
        => await AssertUsageInTheLogAsync(TestClusters.Azure(azurite.ConnectionString, AzuriteFixture.UniquePrefix()));

    private static async Task AssertUsageInTheLogAsync(Dictionary<string, string?> settings)
    {
        await using var cluster = await TestClusters.StartAsync(settings, new FakeClock(ClusterFixture.Start, Duration.FromSeconds(1)));
        const int Days = 2_000;
        var csv = new StringBuilder("workload_id,period_start,period_end,provider,region,vcpu_hours,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb\n");
        var day0 = new LocalDate(2020, 1, 1);
        for (var d = 0; d < Days; d++)
        {
            for (var w = 0; w < 3; w++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"log-{w},{day0.PlusDays(d):yyyy-MM-dd},{day0.PlusDays(d):yyyy-MM-dd},aws,eu-central-1,{10 + w},0,0,0,0\n");
            }
        }

        var first = await ImportAsync(cluster, csv.ToString());
        Assert.Equal((UsageImportPhase.Applied, 3L * Days), (first.Phase, first.AppliedRows));

        // A second import corrects one day of log-1 (a later record for the period replaces the earlier one).
        var correction = await ImportAsync(cluster, "workload_id,period_start,period_end,provider,region,vcpu_hours,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb\nlog-1,2020-01-05,2020-01-05,aws,eu-central-1,99,0,0,0,0\n");
        Assert.Equal(UsageImportPhase.Applied, correction.Phase);

        var data = (await cluster.Client.GetGrain<IWorkloadGrain>("log-1").Data())!;
        Assert.Equal(Days, data.Usage.Count);
        Assert.Equal(99m, data.Usage.Single(u => u.PeriodStart == new LocalDate(2020, 1, 5)).Usage.VcpuHours);
        Assert.Equal(11m * (Days - 1) + 99m, data.Usage.Sum(u => u.Usage.VcpuHours));
        var view = (await cluster.Client.GetGrain<IWorkloadGrain>("log-1").Get())!;
        Assert.Equal((Days + 1, day0, day0.PlusDays(Days - 1)), (view.UsageRecords, view.FirstDay, view.LastDay));

        // The snapshot holds the definition and a summary, not the 2,000 records (they would be ~400 KB).
        var services = cluster.Silos[0].ServiceProvider;
        var state = new Orleans.GrainState<WorkloadState>();
        await services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(GrainStorageNames.LargeState).ReadStateAsync("workload", Orleans.Runtime.GrainId.Create("workload", "log-1"), state);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state.State).Length;
        Assert.True(bytes < 1_000, $"the workload snapshot is {bytes} bytes");
        Assert.Equal(Days + 1, state.State!.UsageRecords);
        Assert.Empty(state.State.LegacyUsage);

        // The log: one partition per workload, chunks of one month (2,000 days from 2020-01-01 span 66 months).
        var chunks = await services.GetRequiredService<ITableStore>().QueryAsync(UsageLog.Table, "log-1", null, null).ToListAsync();
        Assert.Equal(66 + 1, chunks.Count);
        Assert.StartsWith("202001.", chunks[0].RowKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embedded_FocusImport_AddsTheChargesOfADay_AndAReimportReplacesThem()
    {
        using var directory = new TempDirectory();
        await using var cluster = await TestClusters.StartAsync(TestClusters.Embedded(directory.Path), new FakeClock(ClusterFixture.Start, Duration.FromSeconds(1)));
        var rules = (await cluster.Client.GetGrain<IBillingRulesGrain>("default").Set([new BillingRule("focus-api", TagKey: "app", TagValue: "api", VcpusPerInstance: 2)], "cio")).Value!;
        const string Header = "ChargePeriodStart,ChargePeriodEnd,ProviderName,ChargeCategory,ServiceCategory,ServiceName,ResourceId,RegionId,ConsumedQuantity,ConsumedUnit,BilledCost,EffectiveCost,BillingCurrency,Tags\n";
        var export = Header
            + "2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,AWS,Usage,Compute,EC2,i-1,eu-central-1,24,Hrs,2.40,2.00,USD,\"{\"\"app\"\":\"\"api\"\"}\"\n"
            + "2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,AWS,Usage,Compute,EC2,i-2,eu-central-1,12,Hrs,1.20,1.00,USD,\"{\"\"app\"\":\"\"api\"\"}\"\n"
            + "2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,AWS,Usage,Compute,EC2,i-3,eu-central-1,24,Hrs,2.40,2.00,USD,\"{\"\"app\"\":\"\"web\"\"}\"\n";

        var status = await ImportAsync(cluster, export, rules);

        Assert.Equal((UsageImportPhase.Applied, 2L, 1L, 1), (status.Phase, status.AppliedRows, status.UnmappedRows, status.RulesVersion));
        var unmapped = Assert.Single(status.Unmapped!);
        Assert.Equal([new UsageCost(2.40m, 2.00m, "USD")], unmapped.Cost);
        // Two instances of one day add up: (24 + 12) h × 2 vCPUs = 72 vCPU-h; 2.40 + 1.20 = 3.60 USD billed
        var data = (await cluster.Client.GetGrain<IWorkloadGrain>("focus-api").Data())!;
        Assert.Equal(72m, data.Usage.Sum(u => u.Usage.VcpuHours));
        Assert.Equal(3.60m, data.Usage.Sum(u => u.Cost!.BilledCost));

        // A later export that restates i-2's charge (18 h) replaces it; i-1 stays: (24 + 18) × 2 = 84 vCPU-h.
        var restated = Header + "2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,AWS,Usage,Compute,EC2,i-2,eu-central-1,18,Hrs,1.80,1.50,USD,\"{\"\"app\"\":\"\"api\"\"}\"\n";
        Assert.Equal(UsageImportPhase.Applied, (await ImportAsync(cluster, restated, rules)).Phase);
        data = (await cluster.Client.GetGrain<IWorkloadGrain>("focus-api").Data())!;
        Assert.Equal(84m, data.Usage.Sum(u => u.Usage.VcpuHours));
        Assert.Equal(4.20m, data.Usage.Sum(u => u.Cost!.BilledCost));
    }

    /// <summary>Uploads in small chunks (as the API does, 1 MiB there), then imports and waits for it.</summary>
    private static async Task<UsageImportStatus> ImportAsync(InProcessTestCluster cluster, string csv, BillingRuleSet? rules = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var upload = cluster.Client.GetGrain<IBlobUploadGrain>(id);
        await upload.Begin(UsageImportFiles.Container, "uploads/" + id, "text/csv");
        foreach (var chunk in Encoding.UTF8.GetBytes(csv).Chunk(64 * 1024))
        {
            await upload.Append(chunk);
        }

        var staged = await upload.Complete();
        var import = cluster.Client.GetGrain<IUsageImportGrain>(staged.Sha256);
        var status = rules is null ? await import.Start(staged.Name, "test") : await import.StartBilling(staged.Name, rules, "test");
        for (var i = 0; i < 600 && status.Phase == UsageImportPhase.Applying; i++)
        {
            await Task.Delay(50);
            status = (await import.Status())!;
        }

        return status;
    }
}
