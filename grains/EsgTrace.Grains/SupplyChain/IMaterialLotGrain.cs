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

    /// <summary>Adds (or, for a corrected shipment, replaces) the leg a shipment moved this lot on. Idempotent per shipment.</summary>
    [Alias("RecordLeg")]
    Task RecordLeg(LotLeg leg, string actor);

    /// <summary>Removes the leg of a shipment that, once corrected, no longer carries this lot. Idempotent.</summary>
    [Alias("RemoveLeg")]
    Task RemoveLeg(string shipmentId, string actor);

    /// <summary>Links a certificate named by a captured EPCIS event (idempotent per event and certificate).</summary>
    [Alias("LinkCertification")]
    Task LinkCertification(LotCertificationLink link, string actor);

    /// <summary>Removes the links an EPCIS event made, once that event is declared erroneous. Idempotent.</summary>
    [Alias("UnlinkCertification")]
    Task UnlinkCertification(string epcisEventId, string actor);

    [Alias("Get")]
    Task<LotView?> Get();
}
