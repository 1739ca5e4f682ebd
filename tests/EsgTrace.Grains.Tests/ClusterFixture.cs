using EsgTrace.Testing;
using NodaTime;
using NodaTime.Testing;
using Orleans.TestingHost;
using Xunit;

namespace EsgTrace.Grains.Tests;

/// <summary>One in-process cluster on the embedded store (SQLite in a temporary folder) with a fake clock, shared by a collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 23, 9, 30, 15).PlusNanoseconds(123_456_789);

    private readonly TempDirectory _directory = new();

    public FakeClock Clock { get; } = new(Start);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync() => Cluster = await TestClusters.StartAsync(TestClusters.Embedded(_directory.Path), Clock);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
