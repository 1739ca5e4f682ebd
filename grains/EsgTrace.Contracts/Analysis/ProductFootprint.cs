using EsgTrace.Factors;
using EsgTrace.Footprints;
using EsgTrace.Lineage;

namespace EsgTrace.Analysis;

/// <summary>A product's footprint alone (or why it cannot be computed yet), with its lineage, dataset and period.</summary>
[GenerateSerializer, Immutable, Alias("esg.product-footprint")]
public sealed record ProductFootprint(string ProductId, string ProductName, FootprintResult? Footprint, string? Problem, LineageRecord? Lineage, DatasetRef Dataset, ReportingPeriod? Period);
