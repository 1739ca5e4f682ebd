using System.Net;
using EsgTrace.Hosting.Azure;
using EsgTrace.Hosting.Clustering;
using EsgTrace.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Xunit;

namespace EsgTrace.Storage.Tests.Clustering;

/// <summary>
/// Our Orleans membership table and gateway list provider against a real Azurite: the guarantees Orleans' membership
/// protocol relies on (a change only under the version it read, all or nothing; racing writers, one winner).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableMembershipTableTests(AzuriteFixture azurite)
{
    private readonly string _prefix = AzuriteFixture.UniquePrefix();

    [Fact]
    public async Task Initialize_CreatesOneVersionRow_EvenWhenEverySiloTries()
    {
        var table = Table("c1");
        await Task.WhenAll(table.InitializeMembershipTableAsync(true), Table("c1").InitializeMembershipTableAsync(true), Table("c1").InitializeMembershipTableAsync(true));

        var data = await table.ReadAllAsync();

        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
        Assert.Empty(data.Members);
    }

    [Fact]
    public async Task Insert_UnderTheVersionRead_RoundTripsEveryField_AndMovesTheVersion()
    {
        var table = await InitializedAsync("c2");
        var entry = Entry(11111, SiloStatus.Joining);
        entry.SuspectTimes = [Tuple.Create(Address(11112), new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc))];

        var inserted = await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var data = await table.ReadAllAsync();
        var (read, etag) = Assert.Single(data.Members);

        Assert.True(inserted);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal(SiloStatus.Joining, read.Status);
        Assert.Equal(30011, read.ProxyPort);
        Assert.Equal("host-a", read.HostName);
        Assert.Equal("silo-11111", read.SiloName);
        Assert.Equal(entry.StartTime, read.StartTime);
        Assert.Equal(Address(11112), Assert.Single(read.SuspectTimes!).Item1);
        Assert.Equal(new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc), read.SuspectTimes![0].Item2);
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task Insert_UnderAStaleVersion_IsRefused_AndWritesNothing()
    {
        var table = await InitializedAsync("c3");
        var stale = (await table.ReadAllAsync()).Version;
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), stale.Next()));

        var refused = await table.InsertRowAsync(Entry(11112, SiloStatus.Active), stale.Next());
        var data = await table.ReadAllAsync();

        Assert.False(refused);
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
        Assert.Empty((await table.ReadRowAsync(Address(11112))).Members);
    }

    [Fact]
    public async Task Insert_OfASiloListedAlready_IsRefused_AndTheVersionStays()
    {
        var table = await InitializedAsync("c4");
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));

        var again = await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next());

        Assert.False(again);
        Assert.Equal(1, (await table.ReadAllAsync()).Version.Version);
    }

    [Fact]
    public async Task RacingInserts_UnderOneVersion_HaveExactlyOneWinner()
    {
        var table = await InitializedAsync("c5");
        var version = (await table.ReadAllAsync()).Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Table("c5").InsertRowAsync(Entry(12000 + i, SiloStatus.Joining), version)));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single((await table.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task Update_NeedsBothTheRowAndTheVersionAsRead()
    {
        var table = await InitializedAsync("c6");
        var entry = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadRowAsync(entry.SiloAddress);
        var (_, rowEtag) = before.Members[0];
        entry.Status = SiloStatus.Active;

        Assert.True(await table.UpdateRowAsync(entry, rowEtag, before.Version.Next()));
        entry.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(entry, rowEtag, (await table.ReadAllAsync()).Version.Next())); // stale row ETag
        var current = await table.ReadRowAsync(entry.SiloAddress);
        Assert.False(await table.UpdateRowAsync(entry, current.Members[0].Item2, before.Version.Next())); // stale version

        var after = await table.ReadAllAsync();
        Assert.Equal(SiloStatus.Active, after.Members[0].Item1.Status);
        Assert.Equal(2, after.Version.Version);
    }

    [Fact]
    public async Task IAmAlive_ChangesOnlyTheHeartbeat_NotTheVersion()
    {
        var table = await InitializedAsync("c7");
        var entry = Entry(11111, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        entry.IAmAliveTime = new DateTime(2026, 11, 24, 10, 0, 5, DateTimeKind.Utc);
        entry.Status = SiloStatus.Dead; // must not be written by a heartbeat

        await table.UpdateIAmAliveAsync(entry);
        var data = await table.ReadAllAsync();

        Assert.Equal(new DateTime(2026, 11, 24, 10, 0, 5, DateTimeKind.Utc), data.Members[0].Item1.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, data.Members[0].Item1.Status);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Cleanup_RemovesOnlySilosThatAreGone_AndLongSilent()
    {
        var table = await InitializedAsync("c8");
        var old = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (port, status, alive) in new[] { (11111, SiloStatus.Dead, old), (11112, SiloStatus.Active, old), (11113, SiloStatus.Dead, DateTime.UtcNow) })
        {
            var e = Entry(port, status);
            e.StartTime = old;
            e.IAmAliveTime = alive;
            Assert.True(await table.InsertRowAsync(e, (await table.ReadAllAsync()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1));
        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order().ToArray();

        Assert.Equal([11112, 11113], left);
    }

    [Fact]
    public async Task Gateways_AreTheActiveSilosProxyPorts_OfThisClusterOnly()
    {
        var table = await InitializedAsync("c9");
        var other = await InitializedAsync("c9-other");
        foreach (var (port, status) in new[] { (11111, SiloStatus.Active), (11112, SiloStatus.Dead), (11113, SiloStatus.Joining), (11114, SiloStatus.Active) })
        {
            Assert.True(await table.InsertRowAsync(Entry(port, status), (await table.ReadAllAsync()).Version.Next()));
        }

        Assert.True(await other.InsertRowAsync(Entry(11115, SiloStatus.Active), (await other.ReadAllAsync()).Version.Next()));
        var provider = new AzureTableGatewayListProvider(Cluster("c9"), Storage(), Options.Create(new AzureTableMembershipOptions()), Options.Create(new GatewayOptions()));
        await provider.InitializeGatewayListProviderAsync(CancellationToken.None);

        var gateways = (await provider.GetGatewaysAsync(CancellationToken.None)).Select(u => u.Port).Order().ToArray();

        Assert.Equal([30011, 30014], gateways);
        Assert.All(await provider.GetGatewaysAsync(CancellationToken.None), u => Assert.Equal("gwy.tcp", u.Scheme));
    }

    [Fact]
    public async Task DeleteEntries_EmptiesTheClusterPartition_AndLeavesOthers()
    {
        var table = await InitializedAsync("c10");
        var other = await InitializedAsync("c10-other");
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await other.InsertRowAsync(Entry(11111, SiloStatus.Active), (await other.ReadAllAsync()).Version.Next()));

        await table.DeleteMembershipTableEntriesAsync("c10");

        Assert.Empty((await table.ReadAllAsync()).Members);
        Assert.Equal(string.Empty, (await table.ReadAllAsync()).Version.VersionEtag);
        Assert.Single((await other.ReadAllAsync()).Members);
    }

    private async Task<AzureTableMembershipTable> InitializedAsync(string clusterId)
    {
        var table = Table(clusterId);
        await table.InitializeMembershipTableAsync(true);
        return table;
    }

    private AzureTableMembershipTable Table(string clusterId)
        => new(Cluster(clusterId), Storage(), Options.Create(new AzureTableMembershipOptions()), NullLogger<AzureTableMembershipTable>.Instance);

    private static IOptions<ClusterOptions> Cluster(string clusterId) => Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "esgtrace-tests" });

    private IOptions<AzureStorageOptions> Storage() => Options.Create(new AzureStorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = _prefix });

    private static SiloAddress Address(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 87654321);

    private static MembershipEntry Entry(int port, SiloStatus status) => new()
    {
        SiloAddress = Address(port),
        Status = status,
        ProxyPort = port + 18900,
        HostName = "host-a",
        SiloName = "silo-" + port,
        RoleName = "esgtrace",
        StartTime = new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc),
        IAmAliveTime = new DateTime(2026, 11, 24, 9, 0, 1, DateTimeKind.Utc),
        SuspectTimes = [],
    };
}
