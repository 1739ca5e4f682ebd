using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace EsgTrace.Testing;

/// <summary>Builds real in-process Orleans clusters configured as EsgTrace silos, on a given storage configuration.</summary>
public static class TestClusters
{
    /// <summary>Storage settings for the embedded backend in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string?> Embedded(string dataDirectory) => new()
    {
        ["Storage:Backend"] = "Embedded",
        ["Storage:DataDirectory"] = dataDirectory,
    };

    /// <summary>Storage settings for Azure Storage at <paramref name="connectionString"/>, isolated by <paramref name="prefix"/>.</summary>
    public static Dictionary<string, string?> Azure(string connectionString, string prefix) => new()
    {
        ["Storage:Backend"] = "AzureStorage",
        ["Storage:Azure:ConnectionString"] = connectionString,
        ["Storage:Azure:TablePrefix"] = prefix,
    };

    /// <param name="services">Registrations made before the platform's own, which add theirs only where none exists (e.g. a decorated table store).</param>
    public static async Task<InProcessTestCluster> StartAsync(IReadOnlyDictionary<string, string?> settings, IClock clock, short silos = 1, Action<IServiceCollection>? services = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(silos);
        // Stored state and reminders belong to a service id (the official Azure providers key by it): a restarted
        // cluster must keep the platform's, not the random one the test host would pick.
        builder.Options.ServiceId = "esgtrace";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(clock);
            services?.Invoke(silo.Services);
            EsgTrace.Hosting.StorageServiceCollectionExtensions.AddEsgTraceStorage(silo.Services, configuration);
            silo.AddEsgTraceGrainState(configuration);
            silo.AddEsgTraceReminders(configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
