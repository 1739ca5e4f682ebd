using EsgTrace.EventSourcing;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>Snapshot of a vocabulary element: its current version (the history stays in the event log).</summary>
public sealed class VocabularyElementState : IEventSourcedState
{
    public long Version { get; set; }

    public string SentId { get; set; } = string.Empty;

    public List<VocabularyAttribute> Attributes { get; set; } = [];

    public List<string> Children { get; set; } = [];

    public Instant RecordTime { get; set; }

    public string CaptureId { get; set; } = string.Empty;

    public static void Apply(VocabularyElementState state, VocabularyEvent e, long version)
    {
        switch (e)
        {
            case VocabularyElementDescribed d:
                state.SentId = d.SentId;
                state.Attributes = [.. d.Attributes];
                state.Children = [.. d.Children];
                break;
        }

        state.RecordTime = e.RecordTime;
        state.CaptureId = e.CaptureId;
    }
}
