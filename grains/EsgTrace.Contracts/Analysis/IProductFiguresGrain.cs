using EsgTrace.SupplyChain;

namespace EsgTrace.Analysis;

/// <summary>
/// A product's figures (footprint, traceability, lineage), kept current: it holds the records it computed them from and is
/// told when one changes (<see cref="IRecordWatcherGrain.Changed"/>: the next read reloads that record), so a read after a change reloads that record only and recomputes from memory.
/// </summary>
[Alias("esg.IProductFiguresGrain")]
public interface IProductFiguresGrain : IRecordWatcherGrain
{
    /// <summary>The analysis with the named factor dataset (null: the starter set).</summary>
    [Alias("Analyze")]
    Task<Outcome<ProductAnalysis>> Analyze(string? dataset);

    /// <summary>The footprint alone (what a footprint read needs), kept current the same way.</summary>
    [Alias("Footprint")]
    Task<Outcome<ProductFootprint>> Footprint(string? dataset);

    /// <summary>The traceability alone, kept current the same way.</summary>
    [Alias("Traceability")]
    Task<Outcome<ProductTraceability>> Traceability();

    /// <summary>Tells <paramref name="watcher"/> (a parent product's figures) whenever this product's batch list changes.</summary>
    [Alias("WatchBatches"), Orleans.Concurrency.AlwaysInterleave]
    Task WatchBatches(string watcher);
}
