namespace EsgTrace.EventSourcing;

/// <summary>A grain's snapshot: the current aggregate and the event-log version it reflects.</summary>
public interface IEventSourcedState
{
    long Version { get; set; }
}
