namespace EsgTrace.Storage;

/// <summary>
/// One write of an atomic batch (<see cref="ITableStore.WriteAtomicAsync"/>): a table, what to do, and the row (for a
/// delete, only its keys count). Event logs and indexes say how their writes look as these, so a grain can commit its
/// event and everything that follows from it in one batch.
/// </summary>
public sealed record TableWrite(string Table, TableWriteKind Kind, TableRow Row)
{
    public static TableWrite Insert(string table, TableRow row) => new(table, TableWriteKind.Insert, row);

    public static TableWrite Upsert(string table, TableRow row) => new(table, TableWriteKind.Upsert, row);

    public static TableWrite Delete(string table, string partitionKey, string rowKey) => new(table, TableWriteKind.Delete, new TableRow(partitionKey, rowKey, ReadOnlyMemory<byte>.Empty));
}
