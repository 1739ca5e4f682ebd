using System.Text.Json;
using EsgTrace.Storage;
using EsgTrace.Time;

namespace EsgTrace.Accounts;

/// <summary>The index entries that list accounts and API keys without loading every grain.</summary>
public static class AccountIndexes
{
    public const string Users = "users";
    public const string ApiKeys = "apikeys";
    public const string AllPartition = "all";

    public static Task PutAsync<T>(IIndexStore index, string name, string key, T value)
        => index.PutAsync(name, AllPartition, key, JsonSerializer.SerializeToUtf8Bytes(value, EsgJson.Options));

    public static async Task<(IReadOnlyList<T> Items, string? NextAfterKey)> ScanAsync<T>(IIndexStore index, string name, string? afterKey, int pageSize)
    {
        var page = await index.ScanAsync(name, AllPartition, afterKey, null, pageSize);
        return (page.Entries.Select(e => JsonSerializer.Deserialize<T>(e.Value.Span, EsgJson.Options)!).ToList(), page.NextAfterKey);
    }
}
