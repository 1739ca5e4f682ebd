using EsgTrace.Lineage;
using EsgTrace.Traceability;

namespace EsgTrace.Analysis;

/// <summary>A product's traceability alone, with its lineage.</summary>
[GenerateSerializer, Immutable, Alias("esg.product-traceability")]
public sealed record ProductTraceability(string ProductId, TraceabilityResult Result, LineageRecord Lineage);
