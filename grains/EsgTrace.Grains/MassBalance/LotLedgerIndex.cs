using System.Text.Json;
using EsgTrace.Storage;
using EsgTrace.Time;

namespace EsgTrace.MassBalance;

/// <summary>
/// Where a lot's movements are kept: one index partition per lot, one entry per shipment or batch (keyed by it, so telling
/// the lot twice writes one entry). The lot reads its whole partition once on activation; its grain state never grows with them.
/// </summary>
public static class LotLedgerIndex
{
    public const string Name = "lotledger";

    public static Task PutAsync(IIndexStore index, string lotId, LotMovement movement)
        => index.PutAsync(Name, lotId, movement.Key, JsonSerializer.SerializeToUtf8Bytes(movement, EsgJson.Options));

    /// <summary>The entry as a table write, for the shipment that commits it in one batch with its own event.</summary>
    public static TableWrite PutWrite(IIndexStore index, string lotId, LotMovement movement)
        => index.PutWrite(Name, lotId, movement.Key, JsonSerializer.SerializeToUtf8Bytes(movement, EsgJson.Options));

    /// <summary>One entry as stored, or null.</summary>
    public static async Task<LotMovement?> GetAsync(IIndexStore index, string lotId, string key)
        => await index.GetAsync(Name, lotId, key) is { } value ? JsonSerializer.Deserialize<LotMovement>(value.Span, EsgJson.Options) : null;

    public static Task RemoveAsync(IIndexStore index, string lotId, string key) => index.RemoveAsync(Name, lotId, key);

    public static Task<List<LotMovement>> ReadAllAsync(IIndexStore index, string lotId) => JsonIndex.ReadAllAsync<LotMovement>(index, Name, lotId, 1000);
}
