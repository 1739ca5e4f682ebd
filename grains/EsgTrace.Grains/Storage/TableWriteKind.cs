namespace EsgTrace.Storage;

/// <summary>What one write of an atomic batch does to its row.</summary>
public enum TableWriteKind
{
    /// <summary>Creates the row; if it exists, the whole batch fails with <see cref="StorageConflictException"/>.</summary>
    Insert,

    /// <summary>Creates or overwrites the row.</summary>
    Upsert,

    /// <summary>Removes the row if present; a missing row is not an error.</summary>
    Delete,
}
