using EsgTrace.Factors;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>
/// Lots moved from one place to another by one transport mode; times keep the offsets they were recorded with.
/// <see cref="Mass"/> is what the shipment carried; <see cref="LotMasses"/> splits it by lot (in <see cref="MassUnit"/>) and
/// may be left out for one lot (it carried the whole mass) or, for several, to split in proportion to the lots' masses.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.shipment-input")]
public sealed record ShipmentInput(
    IReadOnlyList<string> LotIds,
    string From,
    string To,
    TransportMode Mode,
    decimal Distance,
    string DistanceUnit,
    decimal Mass,
    string MassUnit,
    OffsetDateTime DepartedAt,
    OffsetDateTime ArrivedAt,
    IReadOnlyList<LotMass>? LotMasses = null);

/// <summary>How much of one lot a shipment or batch took, in the unit of the record it belongs to.</summary>
[GenerateSerializer, Immutable, Alias("esg.lot-mass")]
public sealed record LotMass(string LotId, decimal Mass);

/// <summary>A shipment as read back; <see cref="TonneKm"/> is mass (t) × distance (km).</summary>
[GenerateSerializer, Immutable, Alias("esg.shipment-view")]
public sealed record ShipmentView(string Id, ShipmentInput Shipment, decimal DistanceKm, decimal MassTonnes, decimal TonneKm, long Version, long? CorrectedVersion, Instant UpdatedAt, string UpdatedBy, string? WithdrawnReason = null, IReadOnlyList<string>? OverdrawnLots = null);

/// <summary>
/// The row a shipment list shows. <see cref="Version"/> is the shipment's event version the row reflects (0: listed before rows
/// carried it); the row is the last write of a change, so a row at the current version means the change is complete.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.shipment-summary")]
public sealed record ShipmentSummary(string Id, string From, string To, TransportMode Mode, decimal DistanceKm, decimal MassTonnes, OffsetDateTime DepartedAt, OffsetDateTime ArrivedAt, IReadOnlyList<string> LotIds, long Version = 0)
{
    /// <summary>The list row of a recorded shipment at <paramref name="version"/> (0: not stated), distance in km and mass in tonnes.</summary>
    public static ShipmentSummary Of(string id, ShipmentInput s, long version = 0)
        => new(id, s.From, s.To, s.Mode, ShipmentRules.Km(s), ShipmentRules.Tonnes(s), s.DepartedAt, s.ArrivedAt, s.LotIds, version);
}

public abstract record ShipmentEvent(Instant At, string Actor);

/// <summary>The shipment as recorded; <see cref="OverdrawnLots"/> are the lots it took more of than their origin held (captured facts only; null in events from before it was kept).</summary>
public sealed record ShipmentRecorded(ShipmentInput Shipment, Instant At, string Actor, IReadOnlyList<string>? OverdrawnLots = null) : ShipmentEvent(At, Actor);

/// <summary>The shipment did not happen as recorded (its EPCIS event was declared erroneous): its legs leave the lots; the record stays.</summary>
public sealed record ShipmentWithdrawn(string Reason, Instant At, string Actor) : ShipmentEvent(At, Actor);

public sealed record ShipmentCorrected(ShipmentInput Shipment, long Corrects, string Reason, Instant At, string Actor, IReadOnlyList<string>? OverdrawnLots = null) : ShipmentEvent(At, Actor);
