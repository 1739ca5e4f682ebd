using EsgTrace.Accounts;
using EsgTrace.Testing;
using NodaTime.Testing;
using Xunit;

namespace EsgTrace.Grains.Tests;

/// <summary>A whole cluster stops and a new one starts over the same storage: what was acknowledged is there.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurabilityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Embedded_AccountSurvivesAClusterRestart()
    {
        using var directory = new TempDirectory();
        await AssertSurvivesRestartAsync(TestClusters.Embedded(directory.Path));
    }

    [Fact]
    public async Task AzureStorage_AccountSurvivesAClusterRestart()
        => await AssertSurvivesRestartAsync(TestClusters.Azure(azurite.ConnectionString, AzuriteFixture.UniquePrefix()));

    private static async Task AssertSurvivesRestartAsync(Dictionary<string, string?> settings)
    {
        var clock = new FakeClock(ClusterFixture.Start);
        await using (var first = await TestClusters.StartAsync(settings, clock))
        {
            var created = await first.Client.GetGrain<IUserAccountGrain>("restart-user").Create(new CreateUser("Restart", Role.Auditor, "a long enough password", "admin"));
            Assert.True(created.IsOk, created.Problem?.Detail);
        }

        await using var second = await TestClusters.StartAsync(settings, clock);
        var grain = second.Client.GetGrain<IUserAccountGrain>("restart-user");
        Assert.Equal("Restart", (await grain.Get())!.DisplayName);
        Assert.Equal(SignInStatus.SignedIn, (await grain.SignIn("a long enough password", null)).Status);
        var users = await second.Client.GetGrain<IDirectoryGrain>(0).ListUsers(null, 10);
        Assert.Contains(users.Items, u => u.Username == "restart-user");
    }
}
