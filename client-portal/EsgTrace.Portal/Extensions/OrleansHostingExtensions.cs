namespace EsgTrace.Portal.Extensions;

/// <summary>Wires Orleans into the portal: an in-process silo (embedded) or a client of a standalone cluster.</summary>
public static class OrleansHostingExtensions
{
    public static EsgTrace.Hosting.OrleansMode AddEsgTraceOrleans(this IHostApplicationBuilder builder)
    {
        var mode = EsgTrace.Hosting.EsgTraceClusterOptions.From(builder.Configuration).Mode;
        // A grain that cannot read its state from Azure fails at activation, outside any grain call filter; the Azure
        // failure then reaches the portal inside Orleans' exception, and this tells the API it means 503, not 500.
        builder.Services.AddSingleton<EsgTrace.Storage.IStorageFailureClassifier, EsgTrace.Hosting.Azure.AzureFailureClassifier>();
        if (mode == EsgTrace.Hosting.OrleansMode.Embedded)
        {
            builder.UseOrleans(silo => silo.AddEsgTraceSilo(builder.Configuration));
        }
        else
        {
            builder.UseOrleansClient(client => client.AddEsgTraceClient(builder.Configuration).AddEsgTraceObservability());
        }

        return mode;
    }

    /// <summary>
    /// A host with only the grains (embedded silo or cluster client, as configured) and no web server, for one-off
    /// commands such as the admin recovery.
    /// </summary>
    public static IHost BuildCommandHost(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<NodaTime.IClock>(NodaTime.SystemClock.Instance);
        builder.AddEsgTraceOrleans();
        return builder.Build();
    }

    /// <summary>
    /// The local data folder (<c>Storage:DataDirectory</c>, read by the hosting's one reader of the Storage section): the
    /// portal keeps its data-protection keys and the demo credentials there, in either mode.
    /// </summary>
    /// <summary>The storage backend's name as configured (for the start-up banner).</summary>
    public static string StorageBackend(IConfiguration configuration) => EsgTrace.Hosting.EsgTraceStorageOptions.From(configuration).Backend.ToString();

    /// <summary>A setting that stops the start: Program prints its message as one line and exits with code 2.</summary>
    public static InvalidOperationException StartupError(string message, Exception? inner = null) => new EsgTrace.Hosting.StartupConfigurationException(message, inner);

    public static string DataDirectory(IConfiguration configuration) => Path.GetFullPath(EsgTrace.Hosting.EsgTraceStorageOptions.From(configuration).DataDirectory);
}
