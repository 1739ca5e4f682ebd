using System.Net;
using System.Net.Sockets;
using EsgTrace.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EsgTrace.Portal.Tests;

/// <summary>
/// The real portal (embedded silo, SQLite store in a given folder) on a real Kestrel port on 127.0.0.1, with known demo passwords.
/// </summary>
public sealed class PortalHost : WebApplicationFactory<Program>
{
    public const string DemoPassword = "demo password for tests";
    private readonly string _dataDirectory;
    private readonly IReadOnlyDictionary<string, string?> _extra;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Replaces services after the portal registered its own (e.g. a fake <c>IClock</c>, which the co-hosted silo shares).</param>
    public PortalHost(string dataDirectory, IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        _dataDirectory = dataDirectory;
        _extra = extra ?? new Dictionary<string, string?>();
        _services = services;
        // An https Urls setting (with Kestrel:Certificates:Default) is the portal's own choice of endpoint; otherwise
        // a free http port on loopback.
        // An explicit http port (a partner host restarted where its partners expect it) is kept too.
        if (_extra.TryGetValue("Urls", out var urls) && (urls?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true || urls?.StartsWith("http:", StringComparison.OrdinalIgnoreCase) == true && !urls.EndsWith(":0", StringComparison.Ordinal)))
        {
            UseKestrel();
        }
        else
        {
            UseKestrel(0);
        }

        StartServer();
        BaseAddress = new Uri(ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>The portal's root URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    public HttpClient CreateApiClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:Backend"] = "Embedded",
            ["Storage:DataDirectory"] = _dataDirectory,
            ["Cluster:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:SeedUsers"] = "true",
            ["Demo:Password"] = DemoPassword,
            // Many tests sign in from 127.0.0.1 within a minute; the limit itself is tested with its default
            // (Security/SignInGuardTests).
            ["Auth:SignIn:PermitsPerMinute"] = "100000",
        };
        foreach (var (key, value) in _extra)
        {
            // A null value removes a test default, so the portal's own default applies.
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        // UseSetting, not ConfigureAppConfiguration: the portal reads its configuration while registering services,
        // before configuration sources added by the factory would apply.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One portal over a temporary data folder, shared by a test collection.</summary>
public sealed class PortalFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public PortalFixture() => Host = new PortalHost(_directory.Path);

    public PortalHost Host { get; }

    public void Dispose()
    {
        Host.Dispose();
        _directory.Dispose();
    }
}
