using EsgTrace.Factors;
using EsgTrace.Footprints;
using EsgTrace.Lineage;
using EsgTrace.Traceability;

namespace EsgTrace.Analysis;

/// <summary>
/// What EsgTrace can say about a product now: its footprint (or why it cannot be computed yet), its traceability, and
/// the lineage of both.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.product-analysis")]
public sealed record ProductAnalysis(
    string ProductId,
    string ProductName,
    FootprintResult? Footprint,
    string? FootprintProblem,
    LineageRecord? FootprintLineage,
    TraceabilityResult Traceability,
    LineageRecord TraceabilityLineage,
    DatasetRef Dataset,
    ReportingPeriod? Period);

/// <summary>The period the figures cover: from the first to the last production date of the product's batches, both inclusive, in the batches' local dates.</summary>
[GenerateSerializer, Immutable, Alias("esg.reporting-period")]
public sealed record ReportingPeriod(NodaTime.LocalDate From, NodaTime.LocalDate To, int Batches);
