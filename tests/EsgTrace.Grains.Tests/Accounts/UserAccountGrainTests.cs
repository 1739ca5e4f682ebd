using EsgTrace.Accounts;
using EsgTrace.Domain;
using Xunit;

namespace EsgTrace.Grains.Tests.Accounts;

[Collection(ClusterCollection.Name)]
public sealed class UserAccountGrainTests(ClusterFixture fixture)
{
    private const string GoodPassword = "correct horse battery";

    [Fact]
    public async Task Create_ThenSignIn_WithTheRightPasswordOnly()
    {
        var grain = fixture.Grains.GetGrain<IUserAccountGrain>(Unique("ana"));

        var created = await grain.Create(new CreateUser("Ana Lima", Role.SupplyChain, GoodPassword, "admin"));
        var good = await grain.SignIn(GoodPassword, "test");
        var bad = await grain.SignIn("correct horse battery!", "test");

        Assert.True(created.IsOk, created.Problem?.Detail);
        Assert.Equal(SignInStatus.SignedIn, good.Status);
        Assert.Equal(Role.SupplyChain, good.Account!.Profile.Role);
        Assert.Equal(SignInStatus.Refused, bad.Status);
        Assert.Null(bad.Account);
    }

    [Fact]
    public async Task Create_CarriesTheClockInstantToTheNanosecond_ThroughTheNodaTimeSurrogate()
    {
        var created = await fixture.Grains.GetGrain<IUserAccountGrain>(Unique("nano")).Create(new CreateUser("Nano", Role.It, GoodPassword, "admin"));

        Assert.Equal(ClusterFixture.Start, created.Value!.CreatedAt);
    }

    [Fact]
    public async Task Create_InvalidInput_ReportsEveryFieldAndStoresNothing()
    {
        var grain = fixture.Grains.GetGrain<IUserAccountGrain>(Unique("bad"));

        var outcome = await grain.Create(new CreateUser("  ", (Role)42, "short", "admin"));

        Assert.Equal(ProblemKind.Validation, outcome.Problem!.Kind);
        Assert.Equal(["displayName", "password", "role"], outcome.Problem.Errors!.Keys.Order());
        Assert.Null(await grain.Get());
    }

    [Fact]
    public async Task Create_Twice_IsAConflictAndKeepsTheFirstAccount()
    {
        var grain = fixture.Grains.GetGrain<IUserAccountGrain>(Unique("twice"));
        await grain.Create(new CreateUser("First", Role.Marketing, GoodPassword, "admin"));

        var second = await grain.Create(new CreateUser("Second", Role.Admin, "another long password", "admin"));

        Assert.Equal(ProblemKind.Conflict, second.Problem!.Kind);
        Assert.Equal("First", (await grain.Get())!.DisplayName);
        Assert.True((await grain.SignIn(GoodPassword, null)).Status == SignInStatus.SignedIn);
    }

    [Fact]
    public async Task State_SurvivesDeactivation()
    {
        var key = Unique("durable");
        await fixture.Grains.GetGrain<IUserAccountGrain>(key).Create(new CreateUser("Durable", Role.Auditor, GoodPassword, "admin"));

        await fixture.Cluster.DeactivateAsync(fixture.Grains.GetGrain<IUserAccountGrain>(key));
        var profile = await fixture.Grains.GetGrain<IUserAccountGrain>(key).Get();

        Assert.Equal("Durable", profile!.DisplayName);
        Assert.True((await fixture.Grains.GetGrain<IUserAccountGrain>(key).SignIn(GoodPassword, null)).Status == SignInStatus.SignedIn);
    }

    [Fact]
    public async Task Disabled_CannotSignIn_AndTheChangeIsAudited()
    {
        var key = Unique("gone");
        var grain = fixture.Grains.GetGrain<IUserAccountGrain>(key);
        await grain.Create(new CreateUser("Gone", Role.Marketing, GoodPassword, "admin"));

        await grain.SetDisabled(true, "ada");

        Assert.False((await grain.SignIn(GoodPassword, null)).Status == SignInStatus.SignedIn);
        var audit = await fixture.Grains.GetGrain<IDirectoryGrain>(0).ReadAudit(ClusterFixture.Start.InUtc().Date, null, 500);
        Assert.Contains(audit.Records, r => r.Subject == "user:" + key && r.Action == "account.created" && r.Actor == "admin");
        Assert.Contains(audit.Records, r => r.Subject == "user:" + key && r.Action == "account.disabled" && r.Actor == "ada");
    }

    [Fact]
    public async Task Directory_ListsCreatedAccounts_InUsernameOrder()
    {
        var prefix = Unique("list");
        foreach (var name in new[] { "c", "a", "b" })
        {
            await fixture.Grains.GetGrain<IUserAccountGrain>($"{prefix}-{name}").Create(new CreateUser(name, Role.It, GoodPassword, "admin"));
        }

        var page = await fixture.Grains.GetGrain<IDirectoryGrain>(0).ListUsers($"{prefix}-", 500);

        Assert.Equal([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"], page.Items.Select(u => u.Username).Where(u => u.StartsWith(prefix, StringComparison.Ordinal)));
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..20];
}
