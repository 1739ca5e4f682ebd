using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>Snapshot of an action; each change is an event in its log.</summary>
public sealed class GreenItActionState : EventSourcing.IEventSourcedState
{
    public long Version { get; set; }

    public GreenItActionView? View { get; set; }

    public static void Apply(GreenItActionState s, GreenItActionRecorded e, long version)
        => s.View = new GreenItActionView(e.Id, e.Action, e.Actor, e.At, version);
}

/// <summary>The action as recorded or corrected.</summary>
public sealed record GreenItActionRecorded(string Id, GreenItAction Action, Instant At, string Actor);
