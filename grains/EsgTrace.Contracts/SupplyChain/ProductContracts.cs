using EsgTrace.Footprints;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>One bill-of-materials line per declared unit: a material by name (e.g. "cotton fabric", in a mass unit) or a sub-product by id (in pieces).</summary>
[GenerateSerializer, Immutable, Alias("esg.bom-line-input")]
public sealed record BomLineInput(BomLineKind Kind, string Ref, decimal Quantity, string Unit);

/// <summary>A product: name, GTIN, declared unit, bill of materials, process energy per declared unit and the grid it draws from.</summary>
[GenerateSerializer, Immutable, Alias("esg.product-input")]
public sealed record ProductInput(string Name, string? Gtin, string DeclaredUnit, IReadOnlyList<BomLineInput> Bom, decimal? ProcessEnergy, string? ProcessEnergyUnit, string? GridFactorId);

[GenerateSerializer, Immutable, Alias("esg.product-view")]
public sealed record ProductView(string Id, ProductInput Product, long Version, Instant UpdatedAt, string UpdatedBy);

public abstract record ProductEvent(Instant At, string Actor);

/// <summary>A (re)definition of the product; every definition is kept.</summary>
public sealed record ProductDefined(ProductInput Product, Instant At, string Actor) : ProductEvent(At, Actor);

/// <summary>
/// A production batch: input lots → so many declared units of a product (an EPCIS TransformationEvent), made at
/// <see cref="Site"/> (null: where each lot is). <see cref="LotUses"/> says how much of each lot went in (in
/// <see cref="MassUnit"/>; left out: the bill of materials × units, shared among the lots of a material by their mass);
/// <see cref="OutputMass"/> and <see cref="LossMass"/> what came out and what was lost, at most what went in.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.batch-input")]
public sealed record BatchInput(
    string ProductId,
    IReadOnlyList<string> InputLotIds,
    decimal Quantity,
    OffsetDateTime ProducedAt,
    IReadOnlyList<LotMass>? LotUses = null,
    decimal? OutputMass = null,
    decimal? LossMass = null,
    string? MassUnit = null,
    string? Site = null);

[GenerateSerializer, Immutable, Alias("esg.batch-view")]
public sealed record BatchView(string Id, BatchInput Batch, long Version, Instant UpdatedAt, string UpdatedBy, string? WithdrawnReason = null);

public abstract record BatchEvent(Instant At, string Actor);

public sealed record BatchRecorded(BatchInput Batch, Instant At, string Actor) : BatchEvent(At, Actor);

/// <summary>The batch did not happen as recorded (its EPCIS event was declared erroneous): it leaves the product's footprint; the record stays.</summary>
public sealed record BatchWithdrawn(string Reason, Instant At, string Actor) : BatchEvent(At, Actor);
