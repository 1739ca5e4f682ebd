namespace EsgTrace.SupplyChain;

/// <summary>
/// The products whose figures read a record, kept by the record's grain while it is active. On every change, and when the
/// grain deactivates (its list is lost then), each is told, and the change waits for them, so a read that follows a write's
/// answer never sees the figures from before it.
/// </summary>
public sealed class FigureWatchers
{
    private readonly HashSet<string> _products = new(StringComparer.Ordinal);

    public void Add(string productId) => _products.Add(productId);

    public Task NotifyAsync(IGrainFactory grains, RecordRef record)
        => _products.Count == 0 ? Task.CompletedTask : Task.WhenAll(_products.Select(p => grains.GetGrain<IRecordWatcherGrain>(p).Changed(record)));
}
