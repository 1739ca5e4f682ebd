using EsgTrace.Factors;

namespace EsgTrace.Footprints;

/// <summary>
/// One term of a footprint, in kg CO2e per declared unit of the top product, with the formula that produced it so anyone
/// can redo the arithmetic. <see cref="Path"/> names the sub-products it came through ("" at the top level).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.footprint-contribution")]
public sealed record FootprintContribution(
    FootprintStage Stage,
    string Path,
    string Label,
    string? MaterialId,
    string? SupplierId,
    string FactorId,
    FactorSourceKind FactorKind,
    decimal KgCo2e,
    string Formula);
