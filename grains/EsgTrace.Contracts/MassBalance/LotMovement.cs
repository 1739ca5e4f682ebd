using EsgTrace.Factors;
using NodaTime;

namespace EsgTrace.MassBalance;

/// <summary>
/// One entry of a lot's mass-balance ledger: a shipment that moved <see cref="Kg"/> of the lot from <see cref="From"/> to
/// <see cref="To"/> by <see cref="Mode"/> over <see cref="Km"/>, or a batch that consumed it at <see cref="From"/>.
/// Keyed by the record that made it, so the same shipment or batch is one entry however often it is told.
/// <see cref="Overdrawn"/> marks a movement recorded although the location held less (captured EPCIS events are facts).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.lot-movement")]
public sealed record LotMovement(
    MovementKind Kind,
    string RecordId,
    string? From,
    string? To,
    decimal Kg,
    TransportMode? Mode,
    decimal? Km,
    OffsetDateTime? DepartedAt,
    Instant RecordedAt,
    bool Overdrawn = false)
{
    /// <summary>The ledger key: kind and record id.</summary>
    public string Key => (Kind == MovementKind.Shipment ? "shipment:" : "batch:") + RecordId;

    /// <summary>Tonne-kilometres this movement adds to the lot (shipments only): t × km.</summary>
    public decimal TonneKm => Kind == MovementKind.Shipment && Km is { } km ? Kg / 1000m * km : 0m;
}
