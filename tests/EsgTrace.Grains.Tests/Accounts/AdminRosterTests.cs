using EsgTrace.Accounts;
using EsgTrace.Domain;
using EsgTrace.Testing;
using NodaTime.Testing;
using Xunit;

namespace EsgTrace.Grains.Tests.Accounts;

/// <summary>The last active admin stays, even when two admins remove each other at the same moment (a cluster of its own: the roster is global).</summary>
public sealed class AdminRosterTests
{
    private const string Password = "violet kettle on the stairs";

    [Fact]
    public async Task TheLastActiveAdmin_CannotBeDisabledOrDemoted_ButRecoveryAlwaysWorks()
    {
        using var directory = new TempDirectory();
        await using var cluster = await TestClusters.StartAsync(TestClusters.Embedded(directory.Path), new FakeClock(ClusterFixture.Start));
        var ada = cluster.Client.GetGrain<IUserAccountGrain>("ada");
        await ada.Create(new CreateUser("Ada", Role.Admin, Password, "system"));

        var disable = await ada.SetDisabled(true, "ada");
        var demote = await ada.ChangeRole(Role.Auditor, "ada");

        Assert.Equal(ProblemKind.Conflict, disable.Problem!.Kind);
        Assert.Equal(ProblemKind.Conflict, demote.Problem!.Kind);
        var profile = (await ada.Get())!;
        Assert.Equal(Role.Admin, profile.Role);
        Assert.False(profile.Disabled);

        // With a second admin, the first may go; then the second is the last one.
        var bob = cluster.Client.GetGrain<IUserAccountGrain>("bob");
        await bob.Create(new CreateUser("Bob", Role.Admin, Password, "ada"));
        Assert.True((await ada.ChangeRole(Role.Auditor, "bob")).IsOk);
        Assert.Equal(ProblemKind.Conflict, (await bob.SetDisabled(true, "bob")).Problem!.Kind);
        Assert.Equal(["bob"], await cluster.Client.GetGrain<IAdminRosterGrain>(0).Active());

        // Recovery makes an admin whatever the state.
        var recovered = await cluster.Client.GetGrain<IUserAccountGrain>("rescue").Recover("quiet orchard at noon", "system:recover-admin");
        Assert.Equal(Role.Admin, recovered.Value!.Role);
        Assert.Equal(["bob", "rescue"], await cluster.Client.GetGrain<IAdminRosterGrain>(0).Active());
    }

    [Fact]
    public async Task TwoAdminsDisablingEachOtherAtOnce_OneWins_OneActiveAdminRemains()
    {
        using var directory = new TempDirectory();
        await using var cluster = await TestClusters.StartAsync(TestClusters.Embedded(directory.Path), new FakeClock(ClusterFixture.Start));
        for (var round = 0; round < 10; round++)
        {
            var a = cluster.Client.GetGrain<IUserAccountGrain>($"a{round}x");
            var b = cluster.Client.GetGrain<IUserAccountGrain>($"b{round}x");
            await a.Create(new CreateUser("A", Role.Admin, Password, "system"));
            await b.Create(new CreateUser("B", Role.Admin, Password, "system"));
            // Earlier rounds' survivors step down first, so a and b are the only active admins.
            foreach (var other in await cluster.Client.GetGrain<IAdminRosterGrain>(0).Active())
            {
                if (other != $"a{round}x" && other != $"b{round}x")
                {
                    Assert.True((await cluster.Client.GetGrain<IUserAccountGrain>(other).SetDisabled(true, "test")).IsOk);
                }
            }

            var results = await Task.WhenAll(a.SetDisabled(true, "b"), b.SetDisabled(true, "a"));

            Assert.Single(results, r => r.IsOk);
            Assert.Single(results, r => r.Problem?.Kind == ProblemKind.Conflict);
            var active = (await Task.WhenAll(a.Get(), b.Get())).Count(p => !p!.Disabled);
            Assert.Equal(1, active);
            Assert.Single(await cluster.Client.GetGrain<IAdminRosterGrain>(0).Active());
        }
    }
}
