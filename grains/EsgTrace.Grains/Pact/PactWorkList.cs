using System.Globalization;
using System.Text.Json;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Pact;

/// <summary>
/// The outbox kept in a PACT grain's own state, and the two indexes that find it: a "pending" marker per holder
/// (written before the state write that adds work, removed once nothing is left; a marker without work is harmless,
/// work without a marker cannot happen) and the delivery log (newest first) the portal shows.
/// </summary>
public static class PactWorkList
{
    public const string PendingIndex = "pactwork";
    public const string DeliveriesIndex = "pactdeliveries";
    public const string All = "all";

    public static PactWorkItem New(PactWorkKind kind, string id, string partnerId, string what, string payload, Instant now)
        => new(id, kind, partnerId, what, payload, now, 0, now, PactWorkStatus.Pending, null, null);

    /// <summary>Row key that lists newest first: the inverted time, then the id.</summary>
    public static string NewestFirst(Instant at, string id)
        => (long.MaxValue - at.ToUnixTimeTicks()).ToString("D19", CultureInfo.InvariantCulture) + "|" + id;

    public static string MarkerKey(PactWorkHolder holder) => holder.Kind + "|" + holder.Key;

    /// <summary>Before the state write that adds <paramref name="items"/>: the holder's marker and the log rows.</summary>
    public static async Task AnnounceAsync(IIndexStore index, PactWorkHolder holder, IReadOnlyList<PactWorkItem> items)
    {
        var value = JsonSerializer.SerializeToUtf8Bytes(holder);
        await index.PutAsync(PendingIndex, All, MarkerKey(holder), value);
        foreach (var item in items)
        {
            await index.PutAsync(DeliveriesIndex, All, NewestFirst(item.CreatedAt, item.Id), value);
        }
    }

    /// <summary>After a state write: the marker goes once no item is pending.</summary>
    public static Task SettleAsync(IIndexStore index, PactWorkHolder holder, IReadOnlyList<PactWorkItem> items)
        => items.Any(i => i.Status == PactWorkStatus.Pending) ? Task.CompletedTask : index.RemoveAsync(PendingIndex, All, MarkerKey(holder));

    public static IReadOnlyList<PactWorkItem> Due(IEnumerable<PactWorkItem> items, Instant now)
        => [.. items.Where(i => i.Status == PactWorkStatus.Pending && (i.NextAttemptAt ?? now) <= now)];

    /// <summary>Marks the item done; false when it is unknown or no longer pending (a repeat of an attempt already counted).</summary>
    public static bool Complete(List<PactWorkItem> items, string id, string outcome, Instant at)
        => Replace(items, id, i => i with { Status = PactWorkStatus.Done, Attempts = i.Attempts + 1, LastOutcome = outcome, DoneAt = at, NextAttemptAt = null });

    public static bool Fail(List<PactWorkItem> items, string id, string outcome, Instant? next, Instant at)
        => Replace(items, id, i => i with
        {
            Status = next is null ? PactWorkStatus.Abandoned : PactWorkStatus.Pending,
            Attempts = i.Attempts + 1,
            LastOutcome = outcome,
            NextAttemptAt = next,
            DoneAt = next is null ? at : null,
        });

    private static bool Replace(List<PactWorkItem> items, string id, Func<PactWorkItem, PactWorkItem> change)
    {
        var at = items.FindIndex(i => i.Id == id);
        if (at < 0 || items[at].Status != PactWorkStatus.Pending)
        {
            return false;
        }

        items[at] = change(items[at]);
        return true;
    }
}
