using EsgTrace.Gs1;
using EsgTrace.Storage;

namespace EsgTrace.SupplyChain;

/// <summary>Writes and reads of the index entries that list supply-chain records (named by <see cref="SupplyChainLists"/>) without loading their grains.</summary>
public static class SupplyChainIndexes
{
    /// <summary>Points an identifier at a record id, dropping the entry of the identifier it replaces; null identifiers are not listed.</summary>
    public static async Task PutIdentifierAsync(IIndexStore index, string name, string? before, string? after, string id)
    {
        var oldKey = before is null ? null : DigitalLink.Canonical(before) ?? before;
        var newKey = after is null ? null : DigitalLink.Canonical(after) ?? after;
        if (oldKey is not null && oldKey != newKey)
        {
            await index.RemoveAsync(name, SupplyChainLists.All, oldKey);
        }

        if (newKey is not null)
        {
            await index.PutAsync(name, SupplyChainLists.All, newKey, System.Text.Encoding.UTF8.GetBytes(id));
        }
    }

    /// <summary>The record an identifier points at, or null.</summary>
    public static async Task<string?> FindAsync(IIndexStore index, string name, string key)
        => await index.GetAsync(name, SupplyChainLists.All, key) is { } value ? System.Text.Encoding.UTF8.GetString(value.Span) : null;

    public static Task PutAsync<T>(IIndexStore index, string name, string key, T value, string partition = SupplyChainLists.All) => JsonIndex.PutAsync(index, name, partition, key, value);

    public static Task<(IReadOnlyList<T> Items, string? Next)> ScanAsync<T>(IIndexStore index, string name, string partition, string? after, int pageSize)
        => JsonIndex.ScanAsync<T>(index, name, partition, after, pageSize);
}
