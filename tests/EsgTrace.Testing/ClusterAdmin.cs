using EsgTrace.Accounts;
using EsgTrace.ApiKeys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EsgTrace.Testing;

/// <summary>
/// The test (or benchmark) joining a running platform as an Orleans client, for set-up only: issuing API keys as an admin
/// would in the portal. Configured with the same "Cluster"/"Storage" settings the processes got (environment-variable form).
/// </summary>
public sealed class ClusterAdmin : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterAdmin(IHost host) => _host = host;

    public static async Task<ClusterAdmin> ConnectAsync(IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.AddEsgTraceClient(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterAdmin(host);
    }

    /// <summary>Grains as any client of the cluster reaches them (for reads a test must make without side effects).</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public async Task<string> IssueKeyAsync(Role role, string name = "test client")
    {
        var token = ApiKeyToken.New();
        var outcome = await _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IApiKeyGrain>(token.KeyId).Issue(new IssueApiKey(name, role, "test-setup"), token.ToString());
        return outcome.IsOk ? token.ToString() : throw new InvalidOperationException(outcome.Problem!.Detail);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // the platform may be gone already (that is what fault tests do)
        }

        _host.Dispose();
    }
}
