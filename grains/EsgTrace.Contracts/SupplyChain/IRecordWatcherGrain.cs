namespace EsgTrace.SupplyChain;

/// <summary>
/// What a supply-chain record tells when it changes: a grain that computes from records (a product's figures, keyed by
/// product id) implements it. Records know only this interface, not who watches them, so the supply chain does not
/// depend on the analysis that reads it.
/// </summary>
[Alias("esg.IRecordWatcherGrain")]
public interface IRecordWatcherGrain : IGrainWithStringKey
{
    /// <summary>A record the watcher reads changed; called before the change's write answers. Runs even while the watcher is busy (e.g. loading).</summary>
    [Alias("Changed"), Orleans.Concurrency.AlwaysInterleave]
    Task Changed(RecordRef record);
}
