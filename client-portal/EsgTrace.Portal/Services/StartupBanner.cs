using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EsgTrace.Portal.Services;

/// <summary>
/// Prints where the portal listens once it does, and the demo credentials, as the last lines of the start-up: what a
/// newcomer needs to open the portal and sign in.
/// </summary>
public sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration, DemoCredentialsNotice demo) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => Console.WriteLine(Text(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [], Extensions.OrleansHostingExtensions.StorageBackend(configuration), demo)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The banner's text.</summary>
    public static string Text(ICollection<string> addresses, string storage, DemoCredentialsNotice demo)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine();
        if (demo.Created is { } created)
        {
            text.AppendLine(created);
        }

        foreach (var address in addresses)
        {
            text.AppendLine($"EsgTrace is running: open {address}");
            text.AppendLine($"  storage {storage}; API description {address}/openapi/v1.json; health {address}/health");
        }

        if (demo.Created is null && demo.File is { } file)
        {
            text.AppendLine($"  demo users' credentials: {file}");
        }
        else if (demo.File is { } saved)
        {
            text.AppendLine($"  these credentials are saved in {saved}");
        }

        text.AppendLine("  Ctrl+C stops it.");
        return text.ToString();
    }
}
