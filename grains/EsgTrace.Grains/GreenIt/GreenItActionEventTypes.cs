using EsgTrace.EventSourcing;

namespace EsgTrace.GreenIt;

/// <summary>The stored names of a green-IT action's events (as first written: a name stays once used, whatever the class is called).</summary>
public static class GreenItActionEventTypes
{
    public static readonly EventTypes<GreenItActionRecorded> All = new EventTypes<GreenItActionRecorded>()
        .Add<GreenItActionRecorded>("GreenItActionRecorded");
}
