using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Hosting.Tables;

/// <summary>
/// The event log on a table store: partition = stream, row key = version as 19 zero-padded digits (so row-key order is
/// version order). An append inserts its rows in one atomic batch, so a concurrent append of the same version fails whole.
/// </summary>
public sealed class TableEventLog(ITableStore store, IClock clock) : IEventLog
{
    public const string TableName = "eventlog";

    public async Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.InsertBatchAsync(TableName, Rows(stream, expectedVersion, events), cancellationToken);
        }
        catch (StorageConflictException ex)
        {
            throw new StorageConflictException($"Stream '{stream}' is no longer at version {expectedVersion}: another writer appended first. Nothing was written.", ex);
        }

        return expectedVersion + events.Count;
    }

    public IReadOnlyList<TableWrite> AppendWrites(string stream, long expectedVersion, IReadOnlyList<NewEvent> events)
        => Rows(stream, expectedVersion, events).Select(r => TableWrite.Insert(TableName, r)).ToList();

    public async IAsyncEnumerable<RecordedEvent> ReadAsync(string stream, long fromVersion = 1, long toVersion = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var to = toVersion == long.MaxValue ? null : VersionKey(toVersion + 1);
        await foreach (var row in store.QueryAsync(TableName, stream, VersionKey(Math.Max(1, fromVersion)), to, cancellationToken: cancellationToken))
        {
            yield return Envelope.Read(stream, long.Parse(row.RowKey, CultureInfo.InvariantCulture), row.Data);
        }
    }

    private List<TableRow> Rows(string stream, long expectedVersion, IReadOnlyList<NewEvent> events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        var now = clock.GetCurrentInstant();
        return events.Select((e, i) => new TableRow(stream, VersionKey(expectedVersion + 1 + i), Envelope.Write(e, now))).ToList();
    }

    private static string VersionKey(long version) => version.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The stored form of an event: a small JSON object with its type, record time and payload.</summary>
    private static class Envelope
    {
        public static byte[] Write(NewEvent e, Instant recordedAt)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("type", e.Type);
                writer.WriteString("recordedAt", recordedAt.ToString());
                writer.WritePropertyName("data");
                // Validated as it is copied (a caller's bytes must still be JSON), without building a document of it.
                writer.WriteRawValue(e.Json.Span);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        public static RecordedEvent Read(string stream, long version, ReadOnlyMemory<byte> stored)
        {
            using var document = JsonDocument.Parse(stored);
            var root = document.RootElement;
            var recordedAt = NodaTime.Text.InstantPattern.ExtendedIso.Parse(root.GetProperty("recordedAt").GetString()!).Value;
            var data = JsonSerializer.SerializeToUtf8Bytes(root.GetProperty("data"));
            return new RecordedEvent(stream, version, root.GetProperty("type").GetString()!, recordedAt, data);
        }
    }
}
