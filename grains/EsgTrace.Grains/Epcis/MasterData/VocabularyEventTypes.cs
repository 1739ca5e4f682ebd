using EsgTrace.EventSourcing;

namespace EsgTrace.Epcis;

/// <summary>The stored names of a vocabulary element's events (a name stays once used, whatever the class is called).</summary>
public static class VocabularyEventTypes
{
    public static readonly EventTypes<VocabularyEvent> All = new EventTypes<VocabularyEvent>()
        .Add<VocabularyElementDescribed>("VocabularyElementDescribed");
}
