namespace EsgTrace.Storage;

/// <summary>The keys of one row of a table store: partition and row.</summary>
public readonly record struct TableKey(string PartitionKey, string RowKey);
