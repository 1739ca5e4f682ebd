using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using EsgTrace.Accounts;
using EsgTrace.GreenIt;
using EsgTrace.Hosting;
using EsgTrace.Testing;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace EsgTrace.Grains.Tests;

/// <summary>
/// Orleans-managed grain state on the Azure backend is kept by the official providers (Microsoft.Orleans.Persistence.AzureStorage):
/// the default on table storage, serialized like the embedded store's state (Orleans' System.Text.Json serializer with EsgJson's converters); state beyond a table entity on blob storage.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GrainStateProviderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AzureStorage_DefaultState_IsInTheProviderTable_InTheEmbeddedStoresFormat()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        await using (var cluster = await TestClusters.StartAsync(TestClusters.Azure(azurite.ConnectionString, prefix), new FakeClock(ClusterFixture.Start)))
        {
            var created = await cluster.Client.GetGrain<IUserAccountGrain>("json-user").Create(new CreateUser("Jay Son", Role.SupplyChain, "a long enough password", "admin"));
            Assert.True(created.IsOk, created.Problem?.Detail);
        }

        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzureProviderNames.GrainStateTable(prefix));
        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        var account = Assert.Single(rows, r => r.PartitionKey.Contains("json-user", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(account.GetBinary("Data"));
        // The embedded store's format: Orleans' System.Text.Json grain-state serializer (property names as declared) with
        // EsgJson's converters (kebab-case enums, NodaTime ISO).
        Assert.Equal("esgtrace_useraccount_json-user", account.PartitionKey);
        Assert.Equal("Jay Son", json.RootElement.GetProperty("DisplayName").GetString());
        Assert.Equal("supply-chain", json.RootElement.GetProperty("Role").GetString());
        Assert.Equal(NodaTime.Text.InstantPattern.ExtendedIso.Format(ClusterFixture.Start), json.RootElement.GetProperty("CreatedAt").GetString());
    }

    [Fact]
    public async Task AzureStorage_StateBeyondATableEntity_IsKeptInBlobStorage_AndSurvivesARestart()
    {
        const int Days = 6_000;
        var prefix = AzuriteFixture.UniquePrefix();
        var settings = TestClusters.Azure(azurite.ConnectionString, prefix);
        var clock = new FakeClock(ClusterFixture.Start);
        await using (var first = await TestClusters.StartAsync(settings, clock))
        {
            var workload = first.Client.GetGrain<IWorkloadGrain>("big-workload");
            var start = new LocalDate(2010, 1, 1);
            for (var batch = 0; batch < Days / 1_000; batch++)
            {
                var rows = Enumerable.Range(batch * 1_000, 1_000)
                    .Select(d => new UsageRow("big-workload", start.PlusDays(d), start.PlusDays(d), "aws", "eu-west-1", new ItUsage(24.5m, 40m, 96m, 0.01m, 0m, 12.25m), 1000m))
                    .ToList();
                await workload.RecordUsage($"batch-{batch}", rows, "test");
            }

            Assert.Equal(Days, (await workload.Get())!.UsageRecords);
        }

        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(AzureProviderNames.LargeGrainStateContainer(prefix));
        var blobs = await container.GetBlobsAsync().ToListAsync();
        var state = Assert.Single(blobs, b => b.Name.Contains("big-workload", StringComparison.Ordinal));
        Assert.True(state.Properties.ContentLength > 960 * 1024, $"the state is {state.Properties.ContentLength} bytes: small enough for a table entity, so this test proves nothing");
        var content = (await container.GetBlobClient(state.Name).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"PeriodStart\":\"2010-01-01\"", content, StringComparison.Ordinal);

        await using var second = await TestClusters.StartAsync(settings, clock);
        var reread = (await second.Client.GetGrain<IWorkloadGrain>("big-workload").Data())!;
        Assert.Equal(Days, reread.Usage.Count);
        Assert.Equal(new LocalDate(2010, 1, 1).PlusDays(Days - 1), reread.Usage[^1].PeriodStart);
    }
}
