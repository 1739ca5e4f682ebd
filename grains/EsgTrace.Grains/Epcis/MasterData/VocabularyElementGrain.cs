using EsgTrace.Audit;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// One vocabulary element's master data on the shared event-sourcing mechanism (<see cref="EventJournal{TState,TEvent}"/>):
/// every change a capture makes is an event with the capture's record time, the snapshot is the current version, and the
/// follow-ups list it (by type, by id) and audit it.
/// </summary>
public sealed class VocabularyElementGrain(
    [PersistentState("vocabulary-element", GrainStorageNames.LargeState)] IPersistentState<VocabularyElementState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    ITableStore tables) : Grain, IVocabularyElementGrain
{
    private EventJournal<VocabularyElementState, VocabularyEvent> _journal = null!;

    private (string Type, string Id) Key => VocabularyKeys.Parse(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(MasterDataIndex.Stream(Key.Type, Key.Id), snapshot, log, VocabularyEventTypes.All, VocabularyElementState.Apply, FollowUpsAsync, GrainContext);
        return _journal.CatchUpAsync();
    }

    public async Task<VocabularyElement> Capture(VocabularyElementIn element, string captureId, Instant recordTime, string actor)
    {
        if (element.Type != Key.Type || element.Id != Key.Id)
        {
            throw new ArgumentException($"The element {element.Type} {element.Id} was sent to the grain of {Key.Type} {Key.Id}.", nameof(element));
        }

        await _journal.FinishPendingAsync();
        var s = _journal.State;
        // An older description (a capture resumed after a newer one) never overwrites the newer version.
        if (!_journal.Exists || recordTime >= s.RecordTime)
        {
            var attributes = element.Attributes ?? s.Attributes;
            var children = element.Children ?? s.Children;
            if (!_journal.Exists || element.SentId != s.SentId || !attributes.SequenceEqual(s.Attributes) || !children.SequenceEqual(s.Children))
            {
                await _journal.AppendAsync(new VocabularyElementDescribed(element.SentId, [.. attributes], [.. children], recordTime, captureId, actor));
            }
        }

        return View();
    }

    public async Task<VocabularyElement?> Get()
    {
        await _journal.FinishPendingAsync();
        return _journal.Exists ? View() : null;
    }

    public async Task<IReadOnlyList<VocabularyElementVersion>> History()
    {
        var versions = new List<VocabularyElementVersion>();
        await foreach (var recorded in _journal.HistoryAsync())
        {
            if (VocabularyEventTypes.All.Decode(recorded) is VocabularyElementDescribed d)
            {
                versions.Add(new VocabularyElementVersion(recorded.Version, d.RecordTime, d.CaptureId, d.SentId, d.Attributes, d.Children));
            }
        }

        return versions;
    }

    private VocabularyElement View()
    {
        var s = _journal.State;
        return new VocabularyElement(Key.Type, Key.Id, s.SentId, [.. s.Attributes], [.. s.Children], s.Version, s.RecordTime, s.CaptureId);
    }

    /// <summary>The element's rows in the vocabulary index (by type, by id, its type listed) and one audit record per event.</summary>
    private async Task FollowUpsAsync(IReadOnlyList<JournalEntry<VocabularyEvent>> changes)
    {
        var view = View();
        List<TableWrite> writes = [.. MasterDataIndex.Writes(index, view)];
        writes.AddRange(changes.Select(c => _journal.AuditWrite(audit, c, new AuditRecord(c.Event.RecordTime, c.Event.Actor, "epcis.master-data-captured", $"vocabulary:{Key.Type}:{Key.Id}", $"version {c.Version} from capture {c.Event.CaptureId}"))));
        await tables.WriteAtomicAsync(writes);
    }
}
