using System.Globalization;
using Azure.Data.Tables;
using EsgTrace.Accounts;
using EsgTrace.Hosting;
using Orleans.Runtime;

namespace EsgTrace.Testing;

/// <summary>
/// A real multi-process EsgTrace cluster on loopback: standalone silos and portals (Orleans clients) sharing one Azure
/// Storage account (Azurite), membership in the official Orleans Azure table. Failure detection is tuned to notice a dead silo in seconds.
/// The test process joins as an Orleans client too, for set-up only (issuing API keys as an admin would).
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _common;
    private readonly TempDirectory _directory = new();
    private readonly List<PlatformProcess> _silos = [];
    private readonly List<int> _siloPorts = [];
    private readonly HashSet<PlatformProcess> _killed = [];
    private readonly List<(PlatformProcess Process, Uri Address)> _portals = [];
    private ClusterAdmin? _admin;

    private LocalCluster(string connectionString, IReadOnlyDictionary<string, string>? settings)
    {
        ClusterId = "c" + Guid.NewGuid().ToString("N")[..10];
        TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = connectionString;
        _common = new Dictionary<string, string>
        {
            ["Storage__Backend"] = "AzureStorage",
            ["Storage__Azure__ConnectionString"] = connectionString,
            ["Storage__Azure__TablePrefix"] = TablePrefix,
            ["Cluster__Clustering"] = "AzureStorage",
            ["Cluster__ClusterId"] = ClusterId,
            ["Cluster__ServiceId"] = "esgtrace",
            ["Cluster__ResponseTimeout"] = "00:00:10",
            ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
            ["Cluster__Membership__NumMissedProbesLimit"] = "2",
            ["Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["Claims__MonitorMinutes"] = "60",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _common[key] = value;
        }
    }

    public string ClusterId { get; }

    public string TablePrefix { get; }

    public string ConnectionString { get; }

    public IReadOnlyList<PlatformProcess> Silos => _silos;

    public IReadOnlyList<Uri> Portals => _portals.Select(p => p.Address).ToList();

    /// <summary>Starts <paramref name="silos"/> silos, waits until all are active in the membership table, then the portals.</summary>
    /// <param name="settings">Settings (environment-variable form) for every process, over the defaults above.</param>
    public static async Task<LocalCluster> StartAsync(string azureConnectionString, int silos, int portals, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new LocalCluster(azureConnectionString, settings);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo();
            }

            await cluster.WaitForActiveSilosAsync(silos, TimeSpan.FromSeconds(90));
            await Task.WhenAll(Enumerable.Range(0, portals).Select(_ => cluster.StartPortalAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public PlatformProcess StartSilo()
    {
        var n = _silos.Count + 1;
        var siloPort = FreePort.Next();
        var settings = new Dictionary<string, string>(_common)
        {
            ["Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage__DataDirectory"] = Path.Combine(_directory.Path, "silo" + n),
        };
        var silo = PlatformProcess.Start("silo" + n, PlatformBuild.SiloDll, settings);
        _silos.Add(silo);
        _siloPorts.Add(siloPort);
        return silo;
    }

    public async Task<Uri> StartPortalAsync()
    {
        var port = FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var settings = new Dictionary<string, string>(_common)
        {
            ["Cluster__Mode"] = "Client",
            ["Urls"] = address.ToString().TrimEnd('/'),
            ["Demo__SeedUsers"] = "false",
            ["Demo__SeedSupplyChain"] = "false",
            ["DataProtection__KeysDirectory"] = Path.Combine(_directory.Path, "keys"),
            ["Storage__DataDirectory"] = Path.Combine(_directory.Path, "portal" + port),
        };
        PlatformProcess portal;
        lock (_portals)
        {
            portal = PlatformProcess.Start("portal:" + port, PlatformBuild.PortalDll, settings);
            _portals.Add((portal, address));
        }

        await portal.WaitHealthyAsync(address, TimeSpan.FromSeconds(90));
        return address;
    }

    /// <summary>Waits until the membership table lists <paramref name="count"/> active silos (and no more).</summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var active = 0;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                active = (await MembersAsync()).Count(m => m.Status == SiloStatus.Active);
                if (active == count)
                {
                    return;
                }
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // the table appears with the first silo
            }

            if (_silos.FirstOrDefault(s => s.HasExited && !_killed.Contains(s)) is { } exited)
            {
                throw new InvalidOperationException($"{exited.Name} exited during start-up:\n{exited.Output}");
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{active} of {count} silos active after {timeout.TotalSeconds} s.\n" + Logs());
    }

    /// <summary>The membership rows as the silos keep them (the provider's table, read directly: no silo needs to answer).</summary>
    public async Task<IReadOnlyList<ClusterMember>> MembersAsync()
    {
        var table = new TableServiceClient(ConnectionString).GetTableClient(AzureProviderNames.MembershipTable(TablePrefix));
        var members = new List<ClusterMember>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == ClusterId))
        {
            // The version row has no silo columns.
            if (row.GetString("Status") is { } status && row.GetString("Port") is { } port)
            {
                members.Add(new ClusterMember(row.GetString("SiloName") ?? string.Empty, int.Parse(port, CultureInfo.InvariantCulture), Enum.Parse<SiloStatus>(status)));
            }
        }

        return members;
    }

    /// <summary>The silo process listening on <paramref name="siloPort"/> (Cluster:SiloPort).</summary>
    public PlatformProcess SiloAt(int siloPort) => _silos[_siloPorts.IndexOf(siloPort)];

    /// <summary>The test's own Orleans client of the cluster (joined on first use).</summary>
    public async Task<ClusterAdmin> AdminAsync() => _admin ??= await ClusterAdmin.ConnectAsync(_common);

    /// <summary>SIGKILL one silo (no shutdown, no goodbye to the membership table).</summary>
    public void KillSilo(PlatformProcess silo)
    {
        _killed.Add(silo);
        silo.Kill();
    }

    /// <summary>Issues an API key through the cluster, as an admin would in the portal.</summary>
    public async Task<string> IssueKeyAsync(Role role, string name = "cluster test")
    {
        return await (await AdminAsync()).IssueKeyAsync(role, name);
    }

    /// <summary>Everything each process wrote lately, for a failure message.</summary>
    public string Logs() => string.Join("\n---\n", _silos.Concat(_portals.Select(p => p.Process)).Select(p => $"{p.Name}{(p.HasExited ? " (exited)" : string.Empty)}:\n{p.Output}"));

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        foreach (var (portal, _) in _portals)
        {
            await portal.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        _directory.Dispose();
    }
}

/// <summary>One silo as the membership table lists it.</summary>
public sealed record ClusterMember(string SiloName, int SiloPort, SiloStatus Status);
