using System.Globalization;

namespace EsgTrace.Testing;

/// <summary>
/// The platform as ./run.sh runs it (portal + embedded silo + SQLite under a data folder), as its own process, so a test
/// can kill it with SIGKILL mid-write and start it again on the same folder.
/// </summary>
public sealed class EmbeddedPlatform : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private ClusterAdmin? _admin;

    private EmbeddedPlatform(PlatformProcess process, Uri address, Dictionary<string, string> settings)
    {
        Process = process;
        Address = address;
        _settings = settings;
    }

    public PlatformProcess Process { get; }

    public Uri Address { get; }

    public static async Task<EmbeddedPlatform> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort.Next();
        var gateway = FreePort.Next();
        var settings = new Dictionary<string, string>
        {
            ["Cluster__Mode"] = "Embedded",
            ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
            ["Cluster__Gateways__0"] = "127.0.0.1:" + gateway.ToString(CultureInfo.InvariantCulture),
            ["Storage__Backend"] = "Embedded",
            ["Storage__DataDirectory"] = dataDirectory,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Demo__SeedUsers"] = "false",
            ["Demo__SeedSupplyChain"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Claims__MonitorMinutes"] = "60",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var address = new Uri($"http://127.0.0.1:{port}/");
        var process = PlatformProcess.Start("embedded:" + port, PlatformBuild.PortalDll, settings);
        try
        {
            await process.WaitHealthyAsync(address, TimeSpan.FromSeconds(90));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new EmbeddedPlatform(process, address, settings);
    }

    /// <summary>Issues an API key through the embedded silo's gateway, as an admin would in the portal.</summary>
    public async Task<string> IssueKeyAsync(Role role)
    {
        _admin ??= await ClusterAdmin.ConnectAsync(_settings);
        return await _admin.IssueKeyAsync(role);
    }

    /// <summary>SIGKILL: the process dies mid-whatever, as in a power cut of the process.</summary>
    public async Task KillAsync()
    {
        Process.Kill();
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
            _admin = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await Process.DisposeAsync();
    }
}
