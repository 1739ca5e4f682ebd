using EsgTrace.Accounts;
using EsgTrace.Domain;
using Xunit;

namespace EsgTrace.Grains.Tests.Accounts;

/// <summary>Lockout, sessions and password changes, on the real grains (the fixture's clock stands still).</summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountSecurityGrainTests(ClusterFixture fixture)
{
    private const string Password = "violet kettle on the stairs";

    [Fact]
    public async Task SixthWrongPassword_Locks_AndWhileLockedEvenTheRightOneIsRefused_AllAudited()
    {
        var (key, grain) = await NewAccountAsync("lock");

        var answers = new List<SignInStatus>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await grain.SignIn("wrong password " + i, "203.0.113.7")).Status);
        }

        var right = await grain.SignIn(Password, "203.0.113.7");

        Assert.Equal([.. Enumerable.Repeat(SignInStatus.Refused, 5), SignInStatus.LockedOut], answers);
        Assert.Equal(SignInStatus.LockedOut, right.Status);
        Assert.Equal(ClusterFixture.Start + SignInLockout.FirstLock, right.LockedUntil);
        var audit = (await fixture.Grains.GetGrain<IDirectoryGrain>(0).ReadAudit(ClusterFixture.Start.InUtc().Date, null, 500)).Records
            .Where(r => r.Subject == "user:" + key).ToList();
        Assert.Equal(5, audit.Count(r => r.Action == "signin.failed" && r.Detail!.Contains("wrong password", StringComparison.Ordinal) && r.Detail.Contains("from 203.0.113.7", StringComparison.Ordinal)));
        Assert.Single(audit, r => r.Action == "signin.lockout");
        Assert.Single(audit, r => r.Action == "signin.locked-out");
    }

    [Fact]
    public async Task UnknownName_GetsTheSameAnswers_AsAKnownOne()
    {
        var unknown = fixture.Grains.GetGrain<IUserAccountGrain>(Unique("nobody"));

        var answers = new List<SignInStatus>();
        for (var i = 0; i < 7; i++)
        {
            answers.Add((await unknown.SignIn("any password " + i, null)).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(SignInStatus.Refused, 5), SignInStatus.LockedOut, SignInStatus.LockedOut], answers);
        Assert.Null(await unknown.Get());
    }

    [Fact]
    public async Task Disabling_EndsEverySession_AndReEnablingDoesNotRevive_Them()
    {
        var (_, grain) = await NewAccountAsync("stamp");
        var session = (await grain.SignIn(Password, null)).Account!;
        Assert.NotNull(await grain.CheckSession(session.SecurityStamp, session.SessionId));

        await grain.SetDisabled(true, "admin");
        Assert.Null(await grain.CheckSession(session.SecurityStamp, session.SessionId));
        Assert.Equal(SignInStatus.Refused, (await grain.SignIn(Password, null)).Status);

        await grain.SetDisabled(false, "admin");
        Assert.Null(await grain.CheckSession(session.SecurityStamp, session.SessionId));
        var again = (await grain.SignIn(Password, null)).Account!;
        Assert.NotNull(await grain.CheckSession(again.SecurityStamp, again.SessionId));
    }

    [Fact]
    public async Task SigningOut_EndsThatSessionOnly()
    {
        var (_, grain) = await NewAccountAsync("out");
        var laptop = (await grain.SignIn(Password, null)).Account!;
        var phone = (await grain.SignIn(Password, null)).Account!;

        await grain.EndSession(laptop.SessionId);

        Assert.Null(await grain.CheckSession(laptop.SecurityStamp, laptop.SessionId));
        Assert.NotNull(await grain.CheckSession(phone.SecurityStamp, phone.SessionId));
    }

    [Fact]
    public async Task ChangingThePassword_EndsOtherSessions_KeepsTheNewOne_AndOnlyTheNewPasswordWorks()
    {
        var (_, grain) = await NewAccountAsync("pwd");
        var other = (await grain.SignIn(Password, null)).Account!;

        var wrongCurrent = await grain.ChangePassword("not my password", "a brand new passphrase");
        var common = await grain.ChangePassword(Password, "Password1234!");
        var changed = await grain.ChangePassword(Password, "a brand new passphrase");

        Assert.Equal("currentPassword", wrongCurrent.Problem!.Errors!.Keys.Single());
        Assert.Equal("newPassword", common.Problem!.Errors!.Keys.Single());
        Assert.True(changed.IsOk, changed.Problem?.Detail);
        Assert.Null(await grain.CheckSession(other.SecurityStamp, other.SessionId));
        Assert.NotNull(await grain.CheckSession(changed.Value!.SecurityStamp, changed.Value.SessionId));
        Assert.Equal(SignInStatus.Refused, (await grain.SignIn(Password, null)).Status);
        Assert.Equal(SignInStatus.SignedIn, (await grain.SignIn("a brand new passphrase", null)).Status);
    }

    [Fact]
    public async Task AdminReset_ClearsALockout_AndEndsSessions()
    {
        var (_, grain) = await NewAccountAsync("reset");
        var session = (await grain.SignIn(Password, null)).Account!;
        for (var i = 0; i < 6; i++)
        {
            await grain.SignIn("guess " + i, null);
        }

        var reset = await grain.ResetPassword("quiet orchard at noon", "admin");

        Assert.True(reset.IsOk, reset.Problem?.Detail);
        Assert.Null(await grain.CheckSession(session.SecurityStamp, session.SessionId));
        Assert.Equal(SignInStatus.SignedIn, (await grain.SignIn("quiet orchard at noon", null)).Status);
    }

    [Fact]
    public async Task ChangingTheRole_EndsSessions_SoNoCookieKeepsTheOldRole()
    {
        var (_, grain) = await NewAccountAsync("role");
        var session = (await grain.SignIn(Password, null)).Account!;

        var changed = await grain.ChangeRole(Role.Auditor, "admin");

        Assert.Equal(Role.Auditor, changed.Value!.Role);
        Assert.Null(await grain.CheckSession(session.SecurityStamp, session.SessionId));
    }

    private async Task<(string Key, IUserAccountGrain Grain)> NewAccountAsync(string name)
    {
        var key = Unique(name);
        var grain = fixture.Grains.GetGrain<IUserAccountGrain>(key);
        var created = await grain.Create(new CreateUser(name, Role.Marketing, Password, "admin"));
        Assert.True(created.IsOk, created.Problem?.Detail);
        return (key, grain);
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..20];
}
