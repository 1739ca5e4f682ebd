namespace EsgTrace.Hosting;

/// <summary>Which storage backend the platform runs on.</summary>
public enum StorageBackend
{
    /// <summary>SQLite + a blob folder under the data directory: zero set-up, durable, one machine.</summary>
    Embedded,

    /// <summary>Azure Table + Blob storage (or Azurite): shared by every silo of a cluster.</summary>
    AzureStorage,
}
