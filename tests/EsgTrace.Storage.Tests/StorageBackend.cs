using EsgTrace.Hosting.Azure;
using EsgTrace.Hosting.Files;
using EsgTrace.Hosting.Sqlite;
using EsgTrace.Storage;
using EsgTrace.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EsgTrace.Storage.Tests;

/// <summary>One backend under test: its table and blob stores, and a way to open new instances over the same data (a restart).</summary>
public abstract class StorageBackend : IAsyncDisposable
{
    public abstract ITableStore Tables { get; }

    public abstract IBlobStore Blobs { get; }

    /// <summary>Closes these instances and opens new ones over the same stored data, as a process restart would.</summary>
    public abstract Task<StorageBackend> ReopenAsync();

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteBackend(TempDirectory directory, bool ownsDirectory) : StorageBackend
{
    private readonly SqliteTableStore _tables = new(Options.Create(new SqliteTableStoreOptions { DatabasePath = Path.Combine(directory.Path, "esgtrace.db") }), NullLogger<SqliteTableStore>.Instance);
    private bool _reopened;

    public override ITableStore Tables => _tables;

    public override IBlobStore Blobs { get; } = new FileBlobStore(Options.Create(new FileBlobStoreOptions { RootPath = Path.Combine(directory.Path, "blobs") }));

    public override async Task<StorageBackend> ReopenAsync()
    {
        await _tables.DisposeAsync();
        _reopened = true;
        return new SqliteBackend(directory, ownsDirectory);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_reopened)
        {
            await _tables.DisposeAsync();
            if (ownsDirectory)
            {
                directory.Dispose();
            }
        }
    }
}

public sealed class AzureBackend(string connectionString, string prefix) : StorageBackend
{
    private readonly IOptions<AzureStorageOptions> _options = Options.Create(new AzureStorageOptions { ConnectionString = connectionString, TablePrefix = prefix });

    public override ITableStore Tables => field ??= new AzureTableStore(_options);

    public override IBlobStore Blobs => field ??= new AzureBlobStore(_options);

    public override Task<StorageBackend> ReopenAsync() => Task.FromResult<StorageBackend>(new AzureBackend(connectionString, prefix));

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
