using EsgTrace.EventSourcing;

namespace EsgTrace.SupplyChain;

/// <summary>The stored names of a lot's events (as first written: a name stays once used, whatever the class is called).</summary>
public static class LotEventTypes
{
    public static readonly EventTypes<LotEvent> All = new EventTypes<LotEvent>()
        .Add<LotRecorded>("LotRecorded")
        .Add<LotCorrected>("LotCorrected")
        .Add<LotLegRecorded>("LotLegRecorded")
        .Add<LotCertificationLinked>("LotCertificationLinked")
        .Add<LotCertificationUnlinked>("LotCertificationUnlinked")
        .Add<LotLegRemoved>("LotLegRemoved");
}
