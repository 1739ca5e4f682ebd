namespace EsgTrace.Hosting.Sqlite;

/// <summary>Where the embedded store keeps its database.</summary>
public sealed class SqliteTableStoreOptions
{
    /// <summary>Path of the SQLite database file; its folder is created when missing.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "esgtrace.db");

    /// <summary>Most write operations committed in one transaction (group commit).</summary>
    public int MaxWritesPerCommit { get; set; } = 256;
}
