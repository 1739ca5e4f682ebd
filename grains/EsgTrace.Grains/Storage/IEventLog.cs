namespace EsgTrace.Storage;

/// <summary>
/// Append-only event streams. Each stream holds events numbered 1, 2, 3…; an append names the version it expects the
/// stream to be at, so two writers cannot both append the same version (optimistic concurrency).
/// </summary>
public interface IEventLog
{
    /// <summary>Appends 1 to <see cref="TableStoreLimits.MaxBatchRows"/> events atomically after <paramref name="expectedVersion"/>; returns the stream's new version.</summary>
    /// <exception cref="StorageConflictException">Another append already wrote a version after <paramref name="expectedVersion"/>.</exception>
    Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same append as table writes, for a caller that commits it in one batch with other writes
    /// (<see cref="ITableStore.WriteAtomicAsync"/>): inserts, so a concurrent append of the same version fails the batch.
    /// </summary>
    IReadOnlyList<TableWrite> AppendWrites(string stream, long expectedVersion, IReadOnlyList<NewEvent> events);

    /// <summary>Events of a stream with <paramref name="fromVersion"/> ≤ version ≤ <paramref name="toVersion"/>, in order.</summary>
    IAsyncEnumerable<RecordedEvent> ReadAsync(string stream, long fromVersion = 1, long toVersion = long.MaxValue, CancellationToken cancellationToken = default);
}

/// <summary>An event to append: its type name and its JSON payload.</summary>
public sealed record NewEvent(string Type, ReadOnlyMemory<byte> Json);

/// <summary>An event read back from a stream.</summary>
public sealed record RecordedEvent(string Stream, long Version, string Type, NodaTime.Instant RecordedAt, ReadOnlyMemory<byte> Json);
