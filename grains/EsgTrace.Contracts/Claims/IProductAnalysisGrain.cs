using EsgTrace.Analysis;
using EsgTrace.Domain;
using EsgTrace.Traceability;

namespace EsgTrace.Claims;

/// <summary>Computes footprints and traceability from the current records, on demand.</summary>
[Alias("esg.IProductAnalysisGrain")]
public interface IProductAnalysisGrain : IGrainWithIntegerKey
{
    /// <summary>The product's footprint, traceability and lineage, with the named factor dataset (null: the current default).</summary>
    [Alias("AnalyzeProduct")]
    Task<Outcome<ProductAnalysis>> AnalyzeProduct(string productId, string? dataset);

    /// <summary>The analysis a claim of the given scope rests on (see <see cref="Claims.ClaimScope"/>).</summary>
    [Alias("AnalyzeScope")]
    Task<Outcome<ProductAnalysis>> AnalyzeScope(Claims.ClaimScope scope, string productId, IReadOnlyList<string> subjects);

    /// <summary>The upstream tree and shares of one production batch.</summary>
    [Alias("TraceBatch")]
    Task<Outcome<TraceabilityResult>> TraceBatch(string batchId);
}
