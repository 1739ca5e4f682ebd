namespace EsgTrace.Storage;

/// <summary>One row of a table store: a partition key, a row key (range-scannable within the partition), an opaque payload and the store's concurrency token.</summary>
public sealed record TableRow(string PartitionKey, string RowKey, ReadOnlyMemory<byte> Data, string? ETag = null);
