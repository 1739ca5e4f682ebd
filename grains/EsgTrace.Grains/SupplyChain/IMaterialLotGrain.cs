using EsgTrace.Domain;

namespace EsgTrace.SupplyChain;

/// <summary>A material lot, keyed by a client-chosen lot id.</summary>
[Alias("esg.IMaterialLotGrain")]
public interface IMaterialLotGrain : IGrainWithStringKey
{
    /// <summary>Records the lot; the same record again is a no-op, a different one a conflict (correct it instead).</summary>
    [Alias("Record")]
    Task<Outcome<LotView>> Record(LotInput input, string actor);

    /// <summary>Replaces the lot's details by a correction event that names the version it corrects and why.</summary>
    [Alias("Correct")]
    Task<Outcome<LotView>> Correct(LotInput input, long corrects, string reason, string actor);

    /// <summary>
    /// Holds back the movement's mass for a short while if its source location still has it (else says what is missing), so a
    /// shipment or batch can check all its lots before it writes anything. A movement of the same key replaces its earlier version.
    /// </summary>
    [Alias("Reserve")]
    Task<MassBalance.MassShortfall?> Reserve(MassBalance.LotMovement movement);

    /// <summary>Drops a reservation that will not be used. Idempotent.</summary>
    [Alias("Release")]
    Task Release(string movementKey);

    /// <summary>
    /// Records the movement in the lot's ledger (idempotent by key; a new version replaces the old). A recorded shipment or batch
    /// is a fact, so a movement that no longer fits is still recorded, marked overdrawn; returns it as stored.
    /// </summary>
    [Alias("Apply")]
    Task<MassBalance.LotMovement> Apply(MassBalance.LotMovement movement);

    /// <summary>Removes a movement whose shipment or batch no longer carries this lot (corrected or withdrawn). Idempotent.</summary>
    [Alias("Remove")]
    Task Remove(string movementKey);

    /// <summary>Links a certificate named by a captured EPCIS event (idempotent per event and certificate).</summary>
    [Alias("LinkCertification")]
    Task LinkCertification(LotCertificationLink link, string actor);

    /// <summary>Removes the links an EPCIS event made, once that event is declared erroneous. Idempotent.</summary>
    [Alias("UnlinkCertification")]
    Task UnlinkCertification(string epcisEventId, string actor);

    [Alias("Get")]
    Task<LotView?> Get();

    /// <summary>The lot, and from now on <paramref name="productId"/>'s figures are told when it changes.</summary>
    [Alias("GetWatched")]
    Task<LotView?> GetWatched(string productId);

    /// <summary>The lot's ledger: every shipment and batch that moved or consumed it, in the order they were recorded (null: no such lot).</summary>
    [Alias("Movements")]
    Task<IReadOnlyList<MassBalance.LotMovement>?> Movements();
}
