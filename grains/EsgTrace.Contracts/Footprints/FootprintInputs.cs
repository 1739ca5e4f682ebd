using EsgTrace.Factors;
using EsgTrace.Units;

namespace EsgTrace.Footprints;

/// <summary>A product as the footprint sees it: what one declared unit is made of, and the energy to make it.</summary>
[GenerateSerializer, Immutable, Alias("esg.product-definition")]
public sealed record ProductDefinition(
    string Id,
    string Name,
    string DeclaredUnit,
    IReadOnlyList<BomLine> Bom,
    Quantity? ProcessEnergyPerUnit = null,
    string? GridFactorId = null);

/// <summary>One line of a bill of materials, per declared unit of the parent: a material (by source id) or a sub-product (in pieces).</summary>
[GenerateSerializer, Immutable, Alias("esg.bom-line")]
public sealed record BomLine(BomLineKind Kind, string Ref, Quantity QuantityPerUnit);

public enum BomLineKind
{
    Material,
    SubProduct,
}

/// <summary>
/// A material as sourced: its supplier, its cradle-to-gate factor, and its transport: tonne-km per kg allocated by shipped
/// mass (<see cref="Transport"/>, version 2), or the legs every unit travelled in full (<see cref="Legs"/>, version 1 only).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.material-source")]
public sealed record MaterialSource(string Id, string Name, string SupplierId, EmissionFactor Factor, IReadOnlyList<TransportLeg> Legs, TransportIntensity? Transport = null);

/// <summary>One leg of transport (version 1): mode and distance. Emissions are mass moved (t) × distance (km) × the mode's factor.</summary>
[GenerateSerializer, Immutable, Alias("esg.transport-leg")]
public sealed record TransportLeg(string Id, TransportMode Mode, Quantity Distance);

/// <summary>Everything a footprint calculation reads.</summary>
public sealed record FootprintInputs(
    IReadOnlyDictionary<string, ProductDefinition> Products,
    IReadOnlyDictionary<string, MaterialSource> Materials,
    FactorCatalog Factors);
