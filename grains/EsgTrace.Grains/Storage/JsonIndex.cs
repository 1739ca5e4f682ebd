using System.Text.Json;
using EsgTrace.Time;

namespace EsgTrace.Storage;

/// <summary>Index entries whose values are JSON records (EsgJson), written and paged the same way for every listing.</summary>
public static class JsonIndex
{
    public static Task PutAsync<T>(IIndexStore index, string name, string partition, string key, T value)
        => index.PutAsync(name, partition, key, JsonSerializer.SerializeToUtf8Bytes(value, EsgJson.Options));

    /// <summary><see cref="PutAsync"/> as a table write, to commit in one batch with others.</summary>
    public static TableWrite PutWrite<T>(IIndexStore index, string name, string partition, string key, T value)
        => index.PutWrite(name, partition, key, JsonSerializer.SerializeToUtf8Bytes(value, EsgJson.Options));

    public static async Task<(IReadOnlyList<T> Items, string? Next)> ScanAsync<T>(IIndexStore index, string name, string partition, string? after, int pageSize)
    {
        var page = await index.ScanAsync(name, partition, after, null, pageSize);
        return (page.Entries.Select(e => JsonSerializer.Deserialize<T>(e.Value.Span, EsgJson.Options)!).ToList(), page.NextAfterKey);
    }

    /// <summary>Every record of a partition, read a page at a time.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(IIndexStore index, string name, string partition, int pageSize = 500)
    {
        var all = new List<T>();
        string? after = null;
        do
        {
            var (items, next) = await ScanAsync<T>(index, name, partition, after, pageSize);
            all.AddRange(items);
            after = next;
        }
        while (after is not null);
        return all;
    }
}
