using System.Globalization;
using System.Text.RegularExpressions;
using EsgTrace.Portal.Services;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>The README's recovery command, on an installation whose only admin is locked out.</summary>
public sealed class AdminRecoveryTests
{
    [Fact]
    public async Task RecoverAdmin_GivesTheLockedOutAdminANewPassword_ThatSignsIn()
    {
        using var data = new TempDirectory();
        using (var before = new PortalHost(data.Path))
        {
            using var attacker = new FormSession(before.BaseAddress);
            for (var i = 0; i < 6; i++)
            {
                await attacker.SignInAsync("admin", "wrong guess " + i);
            }

            Assert.False((await attacker.SignInAsync("admin", PortalHost.DemoPassword)).SignedIn);
        }

        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await AdminRecoveryCommand.RunAsync("admin", ["--Storage:Backend", "Embedded", "--Storage:DataDirectory", data.Path], output, error);

        Assert.True(exit == 0, error.ToString());
        var password = Regex.Match(output.ToString(), @"new password \(shown once\): (\S+)").Groups[1].Value;
        Assert.Equal(16, password.Length);
        using var after = new PortalHost(data.Path);
        using var admin = new FormSession(after.BaseAddress);
        Assert.False((await admin.SignInAsync("admin", PortalHost.DemoPassword)).SignedIn);
        Assert.True((await admin.SignInAsync("admin", password)).SignedIn);
        var audit = await after.Services.GetRequiredService<AccountService>().ReadAuditAsync(NodaTime.SystemClock.Instance.GetCurrentInstant().InUtc().Date, null, 500);
        Assert.Contains(audit.Records, r => r.Action == "account.recovered" && r.Actor == "system:recover-admin" && r.Subject == "user:admin");
    }

    [Fact]
    public void TheCommand_IsFoundAmongTheArgumentsRunShPasses()
    {
        var parsed = AdminRecoveryCommand.Parse(["--Storage:DataDirectory", "/srv/data", "recover-admin", "ada"]);

        Assert.Equal("ada", parsed!.Value.Username);
        Assert.Equal(["--Storage:DataDirectory", "/srv/data"], parsed.Value.Configuration);
        Assert.Null(AdminRecoveryCommand.Parse(["--Urls", "http://127.0.0.1:5000"]));
    }
}
