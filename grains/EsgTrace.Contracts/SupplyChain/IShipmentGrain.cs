using EsgTrace.Domain;

namespace EsgTrace.SupplyChain;

/// <summary>A shipment, keyed by a client-chosen id.</summary>
[Alias("esg.IShipmentGrain")]
public interface IShipmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the shipment. It is refused (nothing written) when it would take more of a lot from its origin than is there,
    /// unless <paramref name="flagShortfall"/>: a captured EPCIS event is a fact, recorded and flagged as overdrawing instead.
    /// </summary>
    [Alias("Record")]
    Task<Outcome<ShipmentView>> Record(ShipmentInput input, string actor, bool flagShortfall = false);

    [Alias("Correct")]
    Task<Outcome<ShipmentView>> Correct(ShipmentInput input, long corrects, string reason, string actor);

    /// <summary>Withdraws the shipment (its source event was declared erroneous): legs leave the lots, lists drop it. Idempotent.</summary>
    [Alias("Withdraw")]
    Task Withdraw(string reason, string actor);

    [Alias("Get")]
    Task<ShipmentView?> Get();
}
