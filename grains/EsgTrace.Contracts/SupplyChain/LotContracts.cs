using EsgTrace.Factors;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>
/// The emission factor of a lot: primary (the supplier's own figure, with its source) or secondary (a factor id of a dataset).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.lot-factor-input")]
public sealed record LotFactorInput(FactorSourceKind Kind, decimal? KgCo2ePerUnit, string? PerUnit, string? Source, string? FactorId);

/// <summary>
/// A raw-material or intermediate lot: what, how much, from whom and where, what it claims, and what it was made from.
/// <see cref="Site"/> is where its mass starts (null: the origin of its first shipment). <see cref="ChainOfCustody"/> is the
/// ISO 22095 model its certification follows (null: not stated, treated as segregated); under mass balance
/// <see cref="CreditedShare"/> is the share (0-1) of its mass backed by certified credits.
/// </summary>
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
    string? EpcClass = null,
    string? Site = null,
    Traceability.ChainOfCustodyModel? ChainOfCustody = null,
    decimal? CreditedShare = null);

/// <summary>One transport leg a lot travelled (events recorded before the mass-balance ledger; kept so old histories read).</summary>
[GenerateSerializer, Immutable, Alias("esg.lot-leg")]
public sealed record LotLeg(string ShipmentId, TransportMode Mode, decimal DistanceKm, OffsetDateTime DepartedAt, OffsetDateTime ArrivedAt);

/// <summary>A certificate that accompanied the lot in a captured EPCIS event (its certificationInfo), and that event.</summary>
[GenerateSerializer, Immutable, Alias("esg.lot-certification-link")]
public sealed record LotCertificationLink(string Certificate, string EpcisEventId, Instant EventTime);

/// <summary>
/// A lot as read back: its details, certificates linked by EPCIS events, its event-log version, and what its ledger of
/// movements gives: the mass balance by location, the tonne-km it travelled by mode, and when it first shipped; with the
/// SHA-256 of that content (its lineage hash), computed once per change.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.lot-view")]
public sealed record LotView(
    string Id,
    LotInput Lot,
    long Version,
    long? CorrectedVersion,
    Instant UpdatedAt,
    string UpdatedBy,
    IReadOnlyList<LotCertificationLink> CertificationLinks,
    MassBalance.LotBalance Balance,
    IReadOnlyList<Footprints.ModeTonneKm> Transport,
    LocalDate? FirstShippedOn,
    string ContentSha256)
{
    /// <summary>The content a lot's lineage hash covers: its details, transport and balance (SHA-256 of their JSON).</summary>
    public static string HashOf(LotInput lot, IReadOnlyList<Footprints.ModeTonneKm> transport, MassBalance.LotBalance balance)
        => Lineage.LineageBuilder.HashOf(new { Lot = lot, Transport = transport, Balance = balance });
}

public abstract record LotEvent(Instant At, string Actor);

public sealed record LotRecorded(LotInput Lot, Instant At, string Actor) : LotEvent(At, Actor);

/// <summary>A correction: replaces the lot's details; refers to the event version it corrects, with the reason.</summary>
public sealed record LotCorrected(LotInput Lot, long Corrects, string Reason, Instant At, string Actor) : LotEvent(At, Actor);

/// <summary>Written before legs moved to the lot's ledger; read and ignored (the shipment's own events are the record).</summary>
public sealed record LotLegRecorded(LotLeg Leg, Instant At, string Actor) : LotEvent(At, Actor);

/// <summary>A captured EPCIS event named a certificate for this lot.</summary>
public sealed record LotCertificationLinked(LotCertificationLink Link, Instant At, string Actor) : LotEvent(At, Actor);

/// <summary>The EPCIS event that linked a certificate was declared erroneous.</summary>
public sealed record LotCertificationUnlinked(string EpcisEventId, Instant At, string Actor) : LotEvent(At, Actor);

/// <summary>Written before legs moved to the lot's ledger; read and ignored.</summary>
public sealed record LotLegRemoved(string ShipmentId, Instant At, string Actor) : LotEvent(At, Actor);
