using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using EsgTrace.Accounts;
using EsgTrace.GreenIt;
using EsgTrace.Hosting;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
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
        // Workload usage used to be the large state; it is in the usage log now. An EPCIS capture job's state (its
        // document's problems) can still outgrow an entity: written here through the provider the grains name.
        var prefix = AzuriteFixture.UniquePrefix();
        var settings = TestClusters.Azure(azurite.ConnectionString, prefix);
        var clock = new FakeClock(ClusterFixture.Start);
        var id = Orleans.Runtime.GrainId.Create("epcis-capture", "big-job");
        var big = Enumerable.Range(0, 6_000).ToDictionary(i => $"problem-{i:D5}", i => new string('x', 200));
        await using (var first = await TestClusters.StartAsync(settings, clock))
        {
            var storage = first.Silos[0].ServiceProvider.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(EsgTrace.Storage.GrainStorageNames.LargeState);
            await storage.WriteStateAsync("epcis-capture", id, new Orleans.GrainState<Dictionary<string, string>>(big));
        }

        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(AzureProviderNames.LargeGrainStateContainer(prefix));
        var blobs = await container.GetBlobsAsync().ToListAsync();
        var state = Assert.Single(blobs, b => b.Name.Contains("big-job", StringComparison.Ordinal));
        Assert.True(state.Properties.ContentLength > 960 * 1024, $"the state is {state.Properties.ContentLength} bytes: small enough for a table entity, so this test proves nothing");

        await using var second = await TestClusters.StartAsync(settings, clock);
        var reread = new Orleans.GrainState<Dictionary<string, string>>();
        await second.Silos[0].ServiceProvider.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(EsgTrace.Storage.GrainStorageNames.LargeState).ReadStateAsync("epcis-capture", id, reread);
        Assert.Equal(big, reread.State);
    }
}
