using System.Globalization;
using System.Text.Json;
using EsgTrace.Storage;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace EsgTrace.Hosting.Tables;

/// <summary>
/// Orleans' reminder table on any <see cref="ITableStore"/> (the embedded default's SQLite; Azure uses
/// Microsoft.Orleans.Reminders.AzureStorage). One partition per service id; the row key starts with the grain's uniform
/// hash as 8 hex digits, so the hash ranges the reminder service asks for are range scans in row-key order:
/// <c>{hash:X8}/{length of grain id}/{grain id}/{reminder name}</c> (the length makes the key unambiguous whatever the
/// grain id and name contain). A row holds the grain id, the name, the start (UTC ticks) and the period as JSON.
/// </summary>
public sealed class TableReminderTable(ITableStore store, IOptions<ClusterOptions> cluster) : IReminderTable
{
    public const string TableName = "reminders";

    private readonly string _partition = cluster.Value.ServiceId;

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var hash = HashKey(grainId.GetUniformHashCode());
        var prefix = $"{hash}/{grainId.ToString().Length.ToString(CultureInfo.InvariantCulture)}/{grainId}/";
        var entries = new List<ReminderEntry>();
        await foreach (var row in store.QueryAsync(TableName, _partition, prefix, NextHashKey(grainId.GetUniformHashCode())))
        {
            if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                entries.Add(Read(row));
            }
        }

        return new ReminderTableData(entries);
    }

    /// <summary>Reminders of grains whose hash is in (begin, end]; when begin ≥ end the range wraps round the ring.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var entries = new List<ReminderEntry>();
        if (begin < end)
        {
            await ScanAsync(NextHashKey(begin), NextHashKey(end), entries);
        }
        else
        {
            if (begin < uint.MaxValue)
            {
                await ScanAsync(NextHashKey(begin), null, entries);
            }

            await ScanAsync(null, NextHashKey(end), entries);
        }

        return new ReminderTableData(entries);
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
        => await store.GetAsync(TableName, _partition, RowKey(grainId, reminderName)) is { } row ? Read(row) : null;

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var stored = new StoredReminder(entry.GrainId.ToString(), entry.ReminderName, entry.StartAt.ToUniversalTime().Ticks, entry.Period.Ticks);
        return await store.UpsertAsync(TableName, new TableRow(_partition, RowKey(entry.GrainId, entry.ReminderName), JsonSerializer.SerializeToUtf8Bytes(stored)));
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        try
        {
            await store.DeleteAsync(TableName, _partition, RowKey(grainId, reminderName), eTag);
            return true;
        }
        catch (StorageConflictException)
        {
            // Changed since that ETag was read, or already gone: Orleans reads again and retries.
            return false;
        }
    }

    public async Task TestOnlyClearTable()
    {
        await foreach (var row in store.QueryAsync(TableName, _partition, null, null))
        {
            await store.DeleteAsync(TableName, _partition, row.RowKey, null);
        }
    }

    private async Task ScanAsync(string? from, string? to, List<ReminderEntry> entries)
    {
        await foreach (var row in store.QueryAsync(TableName, _partition, from, to))
        {
            entries.Add(Read(row));
        }
    }

    private static string RowKey(GrainId grainId, string reminderName)
    {
        var id = grainId.ToString();
        return $"{HashKey(grainId.GetUniformHashCode())}/{id.Length.ToString(CultureInfo.InvariantCulture)}/{id}/{reminderName}";
    }

    private static string HashKey(uint hash) => hash.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>The first key after every key of <paramref name="hash"/>; null past the last hash.</summary>
    private static string? NextHashKey(uint hash) => hash == uint.MaxValue ? null : HashKey(hash + 1);

    private static ReminderEntry Read(TableRow row)
    {
        var stored = JsonSerializer.Deserialize<StoredReminder>(row.Data.Span)!;
        return new ReminderEntry
        {
            GrainId = GrainId.Parse(stored.GrainId),
            ReminderName = stored.Name,
            StartAt = new DateTime(stored.StartTicks, DateTimeKind.Utc),
            Period = TimeSpan.FromTicks(stored.PeriodTicks),
            ETag = row.ETag,
        };
    }

    private sealed record StoredReminder(string GrainId, string Name, long StartTicks, long PeriodTicks);
}
