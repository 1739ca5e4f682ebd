using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EsgTrace.Portal.Services;

/// <summary>Prints where the portal listens once it does, so a newcomer knows what to open.</summary>
public sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine($"EsgTrace portal: {address}   (storage: {configuration["Storage:Backend"] ?? "Embedded"}, health: {address}/health, API: {address}/openapi/v1.json)");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
