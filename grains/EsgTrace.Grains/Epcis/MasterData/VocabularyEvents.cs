using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>An event in a vocabulary element's log.</summary>
public abstract record VocabularyEvent(Instant RecordTime, string CaptureId, string Actor);

/// <summary>A capture described the element: its attributes and children from now on (what the capture left out carried over).</summary>
public sealed record VocabularyElementDescribed(
    string SentId,
    IReadOnlyList<VocabularyAttribute> Attributes,
    IReadOnlyList<string> Children,
    Instant RecordTime,
    string CaptureId,
    string Actor) : VocabularyEvent(RecordTime, CaptureId, Actor);
