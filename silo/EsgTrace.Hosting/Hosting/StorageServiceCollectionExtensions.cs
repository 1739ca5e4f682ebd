using EsgTrace.Audit;
using EsgTrace.Hosting.Azure;
using EsgTrace.Hosting.Files;
using EsgTrace.Hosting.Sqlite;
using EsgTrace.Hosting.Tables;
using EsgTrace.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace EsgTrace.Hosting;

/// <summary>Registers the storage seams (table store, blob store, event log, indexes, audit trail) on the configured backend.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddEsgTraceStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = EsgTraceStorageOptions.From(configuration);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        switch (options.Backend)
        {
            case StorageBackend.Embedded:
                var dataDirectory = Path.GetFullPath(options.DataDirectory);
                services.Configure<SqliteTableStoreOptions>(o => o.DatabasePath = Path.Combine(dataDirectory, "esgtrace.db"));
                services.Configure<FileBlobStoreOptions>(o => o.RootPath = Path.Combine(dataDirectory, "blobs"));
                services.TryAddSingleton<SqliteTableStore>();
                services.TryAddSingleton<ITableStore>(sp => sp.GetRequiredService<SqliteTableStore>());
                services.TryAddSingleton<IBlobStore, FileBlobStore>();
                break;
            case StorageBackend.AzureStorage:
                options.Azure.Validate();
                services.AddSingleton<IOptions<AzureStorageOptions>>(Options.Create(options.Azure));
                services.TryAddSingleton<ITableStore, AzureTableStore>();
                services.TryAddSingleton<IBlobStore, AzureBlobStore>();
                break;
            default:
                throw new InvalidOperationException($"Storage:Backend '{options.Backend}' is unknown; use Embedded or AzureStorage.");
        }

        services.AddEsgTraceSigning(configuration, Path.GetFullPath(options.DataDirectory));
        services.TryAddSingleton<IEventLog, TableEventLog>();
        services.TryAddSingleton<IIndexStore, TableIndexStore>();
        services.TryAddSingleton<IAuditTrail, IndexAuditTrail>();
        // Grains count their work on it (captures, imports, claim checks); every silo, test clusters included, has one.
        services.AddMetrics().TryAddSingleton<EsgTrace.Telemetry.EsgTraceMetrics>();
        return services;
    }
}
