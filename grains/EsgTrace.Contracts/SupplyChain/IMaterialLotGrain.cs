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
    Task<EsgTrace.Domain.MassShortfall?> Reserve(MassBalance.LotMovement movement);

    /// <summary>
    /// Like <see cref="Reserve"/>, for a writer that commits the ledger entry itself in one batch with its own event: holds the
    /// mass back and answers the entry to write, exactly as the lot will count it (with <paramref name="flagShortfall"/>, a
    /// movement that does not fit is held too, marked overdrawn). After the commit the writer calls <see cref="Confirm"/>;
    /// if it never does, the lot reads the entry back when the hold expires and counts it if it is there. Neither entry nor
    /// shortfall: the lot is not recorded.
    /// </summary>
    [Alias("Hold")]
    Task<MassBalance.LotHold> Hold(MassBalance.LotMovement movement, bool flagShortfall);

    /// <summary>The held entry has been committed to the ledger: the lot counts it from now on, without writing. Idempotent.</summary>
    [Alias("Confirm")]
    Task Confirm(MassBalance.LotMovement entry);

    /// <summary>
    /// A writer's batch failed and its outcome is unknown: the lot drops the hold and reads the entry back, counting it if it
    /// was written and forgetting it if not.
    /// </summary>
    [Alias("Reconcile")]
    Task Reconcile(string movementKey);

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

    /// <summary>The lot's recorded details only (null: no such lot), without computing its balance: what a shipment's check needs.</summary>
    [Alias("Details")]
    Task<LotInput?> Details();

    /// <summary>The lot, and from now on <paramref name="productId"/>'s figures are told when it changes.</summary>
    [Alias("GetWatched")]
    Task<LotView?> GetWatched(string productId);

    /// <summary>The lot's ledger: every shipment and batch that moved or consumed it, in the order they were recorded (null: no such lot).</summary>
    [Alias("Movements")]
    Task<IReadOnlyList<MassBalance.LotMovement>?> Movements();

    /// <summary>The lot's shipments in list order (<see cref="ShipmentList.Key"/>) after <paramref name="afterKey"/>, at most <paramref name="count"/>: the shipment list filtered by lot.</summary>
    [Alias("ShipmentsAfter")]
    Task<IReadOnlyList<MassBalance.LotMovement>> ShipmentsAfter(string? afterKey, int count);
}
