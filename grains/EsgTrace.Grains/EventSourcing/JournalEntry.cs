namespace EsgTrace.EventSourcing;

/// <summary>An event in the log and the version it has there.</summary>
public sealed record JournalEntry<TEvent>(long Version, TEvent Event)
    where TEvent : class;
