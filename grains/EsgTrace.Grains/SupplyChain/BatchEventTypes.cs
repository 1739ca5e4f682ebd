using EsgTrace.EventSourcing;

namespace EsgTrace.SupplyChain;

/// <summary>The stored names of a production batch's events (as first written: a name stays once used, whatever the class is called).</summary>
public static class BatchEventTypes
{
    public static readonly EventTypes<BatchEvent> All = new EventTypes<BatchEvent>()
        .Add<BatchRecorded>("BatchRecorded")
        .Add<BatchWithdrawn>("BatchWithdrawn");
}
