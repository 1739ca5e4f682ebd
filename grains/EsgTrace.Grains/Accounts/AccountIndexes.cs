using EsgTrace.Storage;

namespace EsgTrace.Accounts;

/// <summary>The index entries that list accounts and API keys without loading every grain.</summary>
public static class AccountIndexes
{
    public const string Users = "users";
    public const string ApiKeys = EsgTrace.ApiKeys.ApiKeyIndexes.ApiKeys;
    public const string AllPartition = "all";

    public static Task PutAsync<T>(IIndexStore index, string name, string key, T value) => JsonIndex.PutAsync(index, name, AllPartition, key, value);

    public static Task<(IReadOnlyList<T> Items, string? Next)> ScanAsync<T>(IIndexStore index, string name, string? afterKey, int pageSize)
        => JsonIndex.ScanAsync<T>(index, name, AllPartition, afterKey, pageSize);
}
