using EsgTrace.Accounts;
using EsgTrace.Portal.Extensions;

namespace EsgTrace.Portal.Services;

/// <summary>
/// <c>recover-admin &lt;username&gt;</c>: for an installation whose admins are all locked out, disabled or forgotten.
/// Run on the server (it needs the data folder or the cluster's storage, so only an operator can), with the portal
/// stopped in the embedded default. Makes the account an active admin with a new random password, printed once,
/// creating the account if needed, clears its lockout, ends its sessions, and records it all in the audit trail.
/// </summary>
public static class AdminRecoveryCommand
{
    public const string Name = "recover-admin";

    /// <summary>The command's arguments when <paramref name="args"/> asks for it, else null; the rest stays configuration.</summary>
    public static (string? Username, string[] Configuration)? Parse(string[] args)
    {
        var at = Array.IndexOf(args, Name);
        if (at < 0)
        {
            return null;
        }

        var username = at + 1 < args.Length && !args[at + 1].StartsWith('-') ? args[at + 1] : null;
        var rest = args.Take(at).Concat(args.Skip(at + (username is null ? 1 : 2))).ToArray();
        return (username, rest);
    }

    public static async Task<int> RunAsync(string? username, string[] configuration, TextWriter output, TextWriter error)
    {
        if (username is null || Usernames.Check(username) is { } invalid)
        {
            await error.WriteLineAsync($"Usage: ./run.sh {Name} <username>   ({Usernames.Check(username) ?? "a username is required"})");
            return 2;
        }

        using var host = OrleansHostingExtensions.BuildCommandHost(configuration);
        await host.StartAsync();
        try
        {
            var accounts = new AccountService(host.Services.GetRequiredService<IGrainFactory>(), host.Services.GetRequiredService<NodaTime.IClock>());
            var password = GeneratedPasswords.New();
            var outcome = await accounts.RecoverAdminAsync(username, password, "system:recover-admin");
            if (!outcome.IsOk)
            {
                await error.WriteLineAsync($"Recovery failed: {outcome.Problem!.Detail}");
                return 1;
            }

            await output.WriteLineAsync($"'{outcome.Value!.Username}' is an active admin. Its new password (shown once): {password}");
            await output.WriteLineAsync("Sign in with it and change it under Password. The recovery is in the audit trail.");
            return 0;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
