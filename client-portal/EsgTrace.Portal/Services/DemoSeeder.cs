using System.Text;
using EsgTrace.Accounts;
using Microsoft.Extensions.Options;

namespace EsgTrace.Portal.Services;

/// <summary>
/// At first start of an embedded platform, creates one demo user per role, prints their credentials and saves them to
/// a file beside the data (readable by its owner only). Later starts find the users and point at that file.
/// </summary>
public sealed partial class DemoSeeder(AccountService accounts, SupplyChainService supplyChain, GreenItService greenIt, IOptions<DemoOptions> demo, IConfiguration configuration, DemoCredentialsNotice notice, ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (demo.Value.SeedSupplyChain)
        {
            await DemoSupplyChain.SeedAsync(supplyChain);
            await DemoGreenIt.SeedAsync(greenIt);
        }

        if (!demo.Value.SeedUsers)
        {
            return;
        }

        var file = CredentialsFile();
        if (await accounts.GetUserAsync(DemoUsers.All[^1].Username) is not null)
        {
            LogAlreadySeeded(logger, file);
            notice.File = File.Exists(file) ? file : null;
            return;
        }

        var lines = new StringBuilder("EsgTrace demo users (created at first start; change or disable them before real use)\n\n");
        foreach (var (username, displayName, role, supplierId) in DemoUsers.All)
        {
            var password = string.IsNullOrEmpty(demo.Value.Password) ? GeneratedPasswords.New() : demo.Value.Password;
            var outcome = await accounts.CreateUserAsync(username, displayName, role, password, "system:demo-seed", supplierId);
            if (!outcome.IsOk && outcome.Problem!.Kind != Domain.ProblemKind.Conflict)
            {
                throw new InvalidOperationException($"Seeding demo user '{username}' failed: {outcome.Problem.Detail}");
            }

            lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {role.Name(),-13} username: {username,-10} password: {password}\n");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, lines.ToString(), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        notice.Created = lines.ToString();
        notice.File = file;
        LogSeeded(logger, file);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string CredentialsFile()
    {
        if (!string.IsNullOrWhiteSpace(demo.Value.CredentialsFile))
        {
            return Path.GetFullPath(demo.Value.CredentialsFile);
        }

        return Path.Combine(Extensions.OrleansHostingExtensions.DataDirectory(configuration), "demo-credentials.txt");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo users seeded; credentials saved to {File}")]
    private static partial void LogSeeded(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo users exist; their credentials are in {File}")]
    private static partial void LogAlreadySeeded(ILogger logger, string file);
}
