using EsgTrace.Storage;

namespace EsgTrace.Hosting.Sqlite;

/// <summary>Rows by partition key, then row key, in ordinal (byte) order: the order of the store's primary key.</summary>
internal sealed class TableRowKeyOrder : IComparer<TableRow>
{
    public static TableRowKeyOrder Instance { get; } = new();

    public int Compare(TableRow? x, TableRow? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var partition = string.CompareOrdinal(x.PartitionKey, y.PartitionKey);
        return partition != 0 ? partition : string.CompareOrdinal(x.RowKey, y.RowKey);
    }
}
