using EsgTrace.EventSourcing;

namespace EsgTrace.GreenIt;

/// <summary>The stored names of a workload's events (as first written: a name stays once used, whatever the class is called).</summary>
public static class WorkloadEventTypes
{
    public static readonly EventTypes<WorkloadEvent> All = new EventTypes<WorkloadEvent>()
        .Add<WorkloadDefined>("WorkloadDefined")
        .Add<UsageRecorded>("UsageRecorded")
        .Add<UsageLogged>("UsageLogged");
}
