using EsgTrace.EventSourcing;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>Snapshot of a lot.</summary>
public sealed class LotState : IEventSourcedState
{
    public long Version { get; set; }

    public LotInput? Lot { get; set; }

    public long? CorrectedVersion { get; set; }

    public List<LotCertificationLink> CertificationLinks { get; set; } = [];

    public Instant UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public static void Apply(LotState state, LotEvent e, long version)
    {
        switch (e)
        {
            case LotRecorded r:
                state.Lot = r.Lot;
                break;
            case LotCorrected c:
                state.Lot = c.Lot;
                state.CorrectedVersion = version;
                break;
            case LotLegRecorded or LotLegRemoved:
                // Histories from before the ledger: the shipments' own events are the record of those legs.
                break;
            case LotCertificationLinked linked:
                state.CertificationLinks.Add(linked.Link);
                break;
            case LotCertificationUnlinked unlinked:
                state.CertificationLinks.RemoveAll(l => l.EpcisEventId == unlinked.EpcisEventId);
                break;
        }

        state.UpdatedAt = e.At;
        state.UpdatedBy = e.Actor;
    }
}
