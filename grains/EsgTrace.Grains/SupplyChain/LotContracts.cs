using EsgTrace.Factors;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>
/// The emission factor of a lot: primary (the supplier's own figure, with its source) or secondary (a factor id of a dataset).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.lot-factor-input")]
public sealed record LotFactorInput(FactorSourceKind Kind, decimal? KgCo2ePerUnit, string? PerUnit, string? Source, string? FactorId);

/// <summary>A raw-material or intermediate lot: what, how much, from whom and where, what it claims, and what it was made from.</summary>
[GenerateSerializer, Immutable, Alias("esg.lot-input")]
public sealed record LotInput(
    string Material,
    decimal Quantity,
    string Unit,
    string SupplierId,
    string? OriginCountry,
    string? OriginRegion,
    string? CertificationScheme,
    decimal RecycledShare,
    LotFactorInput Factor,
    IReadOnlyList<string> InputLotIds,
    string? EpcClass = null);

/// <summary>One transport leg a lot travelled, as its shipment recorded it.</summary>
[GenerateSerializer, Immutable, Alias("esg.lot-leg")]
public sealed record LotLeg(string ShipmentId, TransportMode Mode, decimal DistanceKm, OffsetDateTime DepartedAt, OffsetDateTime ArrivedAt);

/// <summary>A certificate that accompanied the lot in a captured EPCIS event (its certificationInfo), and that event.</summary>
[GenerateSerializer, Immutable, Alias("esg.lot-certification-link")]
public sealed record LotCertificationLink(string Certificate, string EpcisEventId, Instant EventTime);

/// <summary>A lot as read back, with the legs it travelled, certificates linked by EPCIS events, and its event-log version.</summary>
[GenerateSerializer, Immutable, Alias("esg.lot-view")]
public sealed record LotView(string Id, LotInput Lot, IReadOnlyList<LotLeg> Legs, long Version, long? CorrectedVersion, Instant UpdatedAt, string UpdatedBy, IReadOnlyList<LotCertificationLink>? CertificationLinks = null);

public abstract record LotEvent(Instant At, string Actor);

public sealed record LotRecorded(LotInput Lot, Instant At, string Actor) : LotEvent(At, Actor);

/// <summary>A correction: replaces the lot's details; refers to the event version it corrects, with the reason.</summary>
public sealed record LotCorrected(LotInput Lot, long Corrects, string Reason, Instant At, string Actor) : LotEvent(At, Actor);

public sealed record LotLegRecorded(LotLeg Leg, Instant At, string Actor) : LotEvent(At, Actor);

/// <summary>A captured EPCIS event named a certificate for this lot.</summary>
public sealed record LotCertificationLinked(LotCertificationLink Link, Instant At, string Actor) : LotEvent(At, Actor);

/// <summary>The EPCIS event that linked a certificate was declared erroneous.</summary>
public sealed record LotCertificationUnlinked(string EpcisEventId, Instant At, string Actor) : LotEvent(At, Actor);

/// <summary>A corrected shipment no longer carries this lot.</summary>
public sealed record LotLegRemoved(string ShipmentId, Instant At, string Actor) : LotEvent(At, Actor);
