namespace EsgTrace.MassBalance;

/// <summary>
/// A lot's mass balance: where its mass was produced, what each location received, shipped on and consumed, and what remains.
/// Mass that moves on is not lost: a lot of 1,000 kg shipped A→B→C has shipped 2,000 kg in total and still 1,000 kg at C.
/// <see cref="Overdrawn"/> names the locations that gave more than they held (only recorded facts, such as captured EPCIS
/// events, can make that happen); it clears when the missing movements are recorded.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.lot-balance")]
public sealed record LotBalance(
    decimal MassKg,
    string Origin,
    IReadOnlyList<LocationBalance> Locations,
    int Shipments,
    int Batches,
    IReadOnlyList<string> Overdrawn)
{
    /// <summary>Mass consumed by production batches, all locations.</summary>
    public decimal ConsumedKg => Locations.Sum(l => l.ConsumedKg);

    /// <summary>Mass still held somewhere (produced − consumed; shipments only move it).</summary>
    public decimal RemainingKg => Locations.Sum(l => l.RemainingKg);

    /// <summary>A balance of a lot nothing has moved yet.</summary>
    public static LotBalance Untouched(decimal massKg, string? site) => MassBalanceLedger.Balance(massKg, site, []);
}
