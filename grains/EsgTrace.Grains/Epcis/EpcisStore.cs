using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Epcis.Query;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// The EPCIS event repository on the storage seams. Each event is an id row and a body row of table "epcisevents"
/// (<see cref="EpcisRows"/>: the id row, in one of 16 buckets of the eventID's SHA-256, names the record key; the body row,
/// keyed by record key, holds the namespace prefixes its document declared and its JSON). Index "epcis" lists every event
/// by record key ("all") and under each value it can be queried by (<see cref="EpcisTerms"/>), keyed "{value}|{recordKey}"
/// so one value's events are a range in record order; entries carry no value (layout 1's carried the eventID). A document
/// costs one existence query (a multi-get of its id rows) and two blind bulk writes: its event rows, then its index entries.
/// </summary>
public sealed class EpcisStore(ITableStore tables, IIndexStore index)
{
    public const string EventsTable = "epcisevents";
    public const string Index = "epcis";
    private const string AllKind = "all";
    private const string AllTerm = "*";
    private const int ScanPage = 256;

    /// <summary>Candidates one query page examines at most (every candidate, for orderBy/eventCountLimit/maxEventCount); beyond it the query is a QueryTooLargeException.</summary>
    public const int ScanLimit = 20_000;

    /// <summary>The record key of an event: record time (ticks since 1970, 19 digits), capture id, position in the document.</summary>
    public static string RecordKey(Instant recordTime, string captureId, int position) => $"{recordTime.ToUnixTimeTicks():D19}{captureId}{position:D5}";

    public static Instant RecordTimeOf(string recordKey) => Instant.FromUnixTimeTicks(long.Parse(recordKey.AsSpan(0, 19), provider: System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Decides what each event of a document is (new, already stored, an error declaration of a stored event, or a
    /// conflicting reuse of an id) and, unless a conflict makes a rollback capture refuse, writes the result.
    /// Rewriting the same capture again (after a crash) is idempotent: its own rows are recognised by their record key.
    /// </summary>
    public async Task<EpcisStoreResult> StoreAsync(EpcisDocumentRead document, string captureId, Instant recordTime, bool proceedOnError)
        => await WriteAsync(await PlanAsync(document, captureId, recordTime, proceedOnError));

    /// <summary>
    /// The first half of <see cref="StoreAsync"/>: the existence query, the decision for every event and the rows to write,
    /// with nothing written. <paramref name="inFlight"/> is the plan of a document whose write may not have committed yet
    /// (<see cref="EpcisCapturePipeline"/> plans a document while the one before it is written): its events count as stored.
    /// </summary>
    public async Task<EpcisWritePlan> PlanAsync(EpcisDocumentRead document, string captureId, Instant recordTime, bool proceedOnError, EpcisWritePlan? inFlight = null)
    {
        var found = await FindAsync(document, captureId, recordTime, inFlight);
        var plan = new Dictionary<string, Planned>(StringComparer.Ordinal);
        var problems = new List<EpcisProblem>();
        var duplicates = 0;
        foreach (var e in document.Events)
        {
            if (plan.TryGetValue(e.EventId, out var same))
            {
                if (e.DeclaresError && !same.Declared)
                {
                    plan[e.EventId] = same with { Declaration = e.Json.GetProperty("errorDeclaration"), Declared = true };
                }
                else
                {
                    duplicates++;
                }

                continue;
            }

            var prior = found.GetValueOrDefault(e.EventId);
            var existing = prior?.Event;
            var ownKey = RecordKey(recordTime, captureId, e.Index);
            if (existing is null || existing.RecordKey == ownKey)
            {
                plan[e.EventId] = new Planned(e, ownKey, e.DeclaresError ? e.Json.GetProperty("errorDeclaration") : null, e.DeclaresError, IsNew: true);
            }
            else if (e.DeclaresError && SameEvent(existing, e, document.Context))
            {
                using var existingJson = JsonDocument.Parse(existing.Event);
                if (existingJson.RootElement.TryGetProperty("errorDeclaration", out _))
                {
                    duplicates++;
                }
                else
                {
                    var original = new EpcisEventIn(e.Index, e.EventId, false, e.Type, e.EventTime, existingJson.RootElement.Clone());
                    plan[e.EventId] = new Planned(original, existing.RecordKey, e.Json.GetProperty("errorDeclaration"), true, IsNew: false, existing.Context, prior);
                }
            }
            else if (!e.DeclaresError && SameEvent(existing, e, document.Context))
            {
                duplicates++;
            }
            else
            {
                problems.Add(new EpcisProblem(EpcisProblem.ResourceAlreadyExists, "The eventID is taken.",
                    e.DeclaresError
                        ? $"Event {e.Index}: the error declaration for '{e.EventId}' does not repeat the stored event's fields; an error declaration carries the erroneous event as it was captured."
                        : $"Event {e.Index}: eventID '{e.EventId}' is already stored with different content. Send a new eventID, or an error declaration to correct it.",
                    $"/epcisBody/eventList/{e.Index}", 409));
                plan.Remove(e.EventId);
            }
        }

        if (problems.Count > 0 && !proceedOnError)
        {
            return EpcisWritePlan.Refused(new EpcisStoreResult(0, duplicates, [], [], problems));
        }

        var planned = plan.Values.ToList();
        var stored = planned.Where(p => p.IsNew).Select(p => p.Event.EventId).ToList();
        var declared = planned.Where(p => p.Declared).Select(p => p.Event.EventId).ToList();
        return Build(planned, document.Context, new EpcisStoreResult(stored.Count, duplicates, stored, declared, problems));
    }

    /// <summary>One stored event, or null.</summary>
    public async Task<EpcisStoredEvent?> ReadAsync(string eventId)
    {
        var row = await tables.GetAsync(EventsTable, EpcisRows.IdPartition(eventId), eventId);
        if (row is null)
        {
            return null;
        }

        var (recordKey, whole) = EpcisRows.ReadIdRow(row.Data);
        return whole ?? await ReadBodyAsync(recordKey);
    }

    /// <summary>The event an index entry leads to: by its record key (layout 2, no value), or by the eventID it carries (layout 1).</summary>
    private Task<EpcisStoredEvent?> ReadEntryAsync(string recordKey, string eventId) => eventId.Length == 0 ? ReadBodyAsync(recordKey) : ReadAsync(eventId);

    private async Task<EpcisStoredEvent?> ReadBodyAsync(string recordKey)
    {
        var key = EpcisRows.BodyKey(recordKey);
        var row = await tables.GetAsync(EventsTable, key.PartitionKey, key.RowKey);
        return row is null ? null : EpcisRows.ReadBody(recordKey, row.Data);
    }

    /// <summary>
    /// One existence query for the whole document: the id rows of its distinct eventIDs in one multi-get. Content is read
    /// (a second multi-get) only for ids another capture holds, which the plan compares; an id row of this capture's own
    /// earlier attempt needs none, and one whose body is gone (a document taken back half-way) counts as not stored.
    /// </summary>
    private async Task<Dictionary<string, Found>> FindAsync(EpcisDocumentRead document, string captureId, Instant recordTime, EpcisWritePlan? inFlight)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in document.Events)
        {
            first.TryAdd(e.EventId, e.Index);
        }

        var ids = first.Keys.ToList();
        var rows = await tables.GetManyAsync(EventsTable, [.. ids.Select(EpcisRows.IdKey)]);
        var found = new Dictionary<string, Found>(StringComparer.Ordinal);
        var elsewhere = new List<(string EventId, string RecordKey)>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (rows[i] is not { } row)
            {
                continue;
            }

            var (recordKey, whole) = EpcisRows.ReadIdRow(row.Data);
            if (whole is not null)
            {
                found[ids[i]] = new Found(whole, row.Data.ToArray(), null);
            }
            else if (recordKey == RecordKey(recordTime, captureId, first[ids[i]]))
            {
                found[ids[i]] = new Found(new EpcisStoredEvent(recordKey, new Dictionary<string, string>(), []), null, null);
            }
            else
            {
                elsewhere.Add((ids[i], recordKey));
            }
        }

        if (elsewhere.Count > 0)
        {
            var bodies = await tables.GetManyAsync(EventsTable, [.. elsewhere.Select(x => EpcisRows.BodyKey(x.RecordKey))]);
            for (var i = 0; i < elsewhere.Count; i++)
            {
                if (bodies[i] is { } body)
                {
                    found[elsewhere[i].EventId] = new Found(EpcisRows.ReadBody(elsewhere[i].RecordKey, body.Data), null, body.Data.ToArray());
                }
            }
        }

        // The document being written before this one: what it writes is what the store holds once it commits (and if it
        // fails, the pipeline plans this document again without it).
        if (inFlight is not null)
        {
            foreach (var id in ids)
            {
                if (inFlight.Writes.TryGetValue(id, out var written))
                {
                    found[id] = written;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// One page of the events that match. In record order (no orderBy, eventCountLimit or maxEventCount) a page walks the
    /// planned index from the token on; otherwise every candidate is examined, sorted and counted, and pages are offsets into
    /// that result. Examining more than <paramref name="scanLimit"/> candidates for one page is a QueryTooLargeException
    /// (the standard lets a repository refuse a query it cannot answer whole), never a silently short answer.
    /// </summary>
    public async Task<EpcisPage> QueryAsync(EpcisQuery q, int scanLimit = ScanLimit)
    {
        var whole = q.Order is not null || q.EventCountLimit is not null || q.MaxEventCount is not null;
        var offset = 0;
        string? afterToken = null;
        if (q.NextPageToken is { } token)
        {
            if (whole && EpcisPageToken.DecodeOffset(token) is { } o)
            {
                offset = o;
            }
            else if (!whole && EpcisPageToken.Decode(token) is { } key)
            {
                afterToken = key;
            }
            else
            {
                return EpcisPage.Refused(new EpcisProblem(EpcisProblem.QueryParameter, "The query is not valid.", "'nextPageToken' belongs to a query with other parameters; start again without it."));
            }
        }

        var matches = new List<Match>();
        var masterData = await MasterDataResolution.ResolveAsync(q.MasterData, new MasterDataIndex(index));
        if (masterData?.MatchesNothing == true)
        {
            return whole ? Finish(q, matches, offset) : Page(matches, null);
        }

        if (q.EventIds.Count > 0)
        {
            foreach (var id in q.EventIds)
            {
                if (await ReadAsync(id) is { } e && Evaluate(q, e, masterData) is { } m)
                {
                    matches.Add(m);
                }
            }

            matches.Sort((a, b) => string.CompareOrdinal(a.Event.RecordKey, b.Event.RecordKey));
            return whole ? Finish(q, matches, offset) : Page([.. matches.Take(q.PerPage)], null);
        }

        var (kind, terms) = Plan(masterData?.Narrow(q) ?? q);
        var (after, before) = RecordKeyRange(q);
        if (afterToken is not null)
        {
            after = after is null || string.CompareOrdinal(afterToken, after) > 0 ? afterToken : after;
        }

        var cursors = terms.Select(t => new Cursor(index, Partition(kind, t), Key(t), after, before)).ToList();
        string? last = null;
        var scanned = 0;
        while (whole || matches.Count < q.PerPage)
        {
            Cursor? next = null;
            foreach (var c in cursors)
            {
                if (await c.PeekAsync() is { } head && (next is null || string.CompareOrdinal(head.RecordKey, (await next.PeekAsync())!.Value.RecordKey) < 0))
                {
                    next = c;
                }
            }

            if (next is null)
            {
                return whole ? Finish(q, matches, offset) : Page(matches, null);
            }

            if (scanned == scanLimit)
            {
                return EpcisPage.Refused(TooLarge($"Answering it would examine more than {scanLimit} stored events"
                    + (whole ? " (orderBy, eventCountLimit and maxEventCount look at every candidate)" : " for one page")
                    + ". Narrow it with an indexed parameter (MATCH_epc, MATCH_anyEPC, MATCH_epcClass, EQ_bizLocation, EQ_readPoint, EXISTS_errorDeclaration, EQ_bizStep, EQ_disposition, eventType) or a GE_recordTime/LT_recordTime window."));
            }

            var (recordKey, eventId) = next.Take();
            foreach (var c in cursors.Where(c => c != next))
            {
                await c.SkipAsync(recordKey);
            }

            scanned++;
            last = recordKey;
            if (await ReadEntryAsync(recordKey, eventId) is { } stored && stored.RecordKey == recordKey && Evaluate(q, stored, masterData) is { } m)
            {
                matches.Add(m);
            }
        }

        var more = false;
        foreach (var c in cursors)
        {
            more |= await c.PeekAsync() is not null;
        }

        return Page(matches, more && last is not null ? EpcisPageToken.Encode(last) : null);
    }

    private static EpcisProblem TooLarge(string detail) => new(EpcisProblem.QueryTooLarge, "The query is too large.", detail, null, 413);

    /// <summary>All matches known: maxEventCount checked, sorted by orderBy (ties in record order), cut to eventCountLimit, then one page from the offset.</summary>
    private static EpcisPage Finish(EpcisQuery q, List<Match> matches, int offset)
    {
        if (q.MaxEventCount is { } max && matches.Count > max)
        {
            return EpcisPage.Refused(TooLarge($"The query matches {matches.Count} events, more than its maxEventCount of {max}."));
        }

        if (q.Order is { } order)
        {
            matches.Sort((a, b) => order.Compare(a.SortKey, b.SortKey) is var c && c != 0 ? c : string.CompareOrdinal(a.Event.RecordKey, b.Event.RecordKey));
        }

        var total = Math.Min(matches.Count, q.EventCountLimit ?? int.MaxValue);
        var page = matches.Take(total).Skip(offset).Take(q.PerPage).ToList();
        return Page(page, offset + q.PerPage < total ? EpcisPageToken.EncodeOffset(offset + q.PerPage) : null);
    }

    private static EpcisPage Page(IReadOnlyList<Match> matches, string? nextPageToken)
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in matches)
        {
            foreach (var (prefix, uri) in m.Event.Context)
            {
                context.TryAdd(prefix, uri);
            }
        }

        return new EpcisPage([.. matches.Select(m => m.Event.Event)], context, nextPageToken);
    }

    /// <summary>The range of record keys the query's recordTime criteria allow (wide by a tick, since the criteria themselves decide).</summary>
    private static (string? After, string? Before) RecordKeyRange(EpcisQuery q)
    {
        string? after = null;
        string? before = null;
        foreach (var t in q.Criteria.OfType<TimeCriterion>().Where(t => t.Field == EventTimeField.RecordTime))
        {
            var ticks = t.Value.ToUnixTimeTicks();
            if (t.Op is Comparison.Ge or Comparison.Gt or Comparison.Eq)
            {
                var from = $"{ticks - 1:D19}~";
                after = after is null || string.CompareOrdinal(from, after) > 0 ? from : after;
            }

            if (t.Op is Comparison.Lt or Comparison.Le or Comparison.Eq)
            {
                var to = $"{ticks + 1:D19}";
                before = before is null || string.CompareOrdinal(to, before) < 0 ? to : before;
            }
        }

        return (after, before);
    }

    /// <summary>The stored event as a match (with its orderBy key), or null when it does not meet the query.</summary>
    private static Match? Evaluate(EpcisQuery q, EpcisStoredEvent e, MasterDataFilter? masterData)
    {
        using var doc = JsonDocument.Parse(e.Event);
        var view = new EpcisEventView(doc.RootElement, RecordTimeOf(e.RecordKey), e.Context);
        return q.Matches(view) && (masterData is null || masterData.Matches(doc.RootElement)) ? new Match(e, q.Order?.KeyOf(view) ?? default) : null;
    }

    /// <summary>The stored event and the sent one are one event in canonical form, each read with its own document's prefixes.</summary>
    private static bool SameEvent(EpcisStoredEvent stored, EpcisEventIn e, IReadOnlyDictionary<string, string> context)
    {
        using var doc = JsonDocument.Parse(stored.Event);
        return EpcisEventJson.SameEvent(doc.RootElement, stored.Context, e.Json, context);
    }

    /// <summary>The most selective index the criteria allow (lowest rank), or every event in record order.</summary>
    private static (string Kind, IReadOnlyList<string> Terms) Plan(EpcisQuery q)
        => q.Criteria.Select(c => c.IndexTerms).OfType<EpcisIndexTerms>().Where(t => t.Terms.Count > 0).MinBy(t => t.Rank) is { } best
            ? (best.Kind, best.Terms)
            : (AllKind, [AllTerm]);

    private sealed record Match(EpcisStoredEvent Event, (int Kind, decimal Number, string Text) SortKey);

    /// <summary>The rows and index entries of a plan: each event's body (its stored JSON), its id row when new, and its terms.</summary>
    private static EpcisWritePlan Build(IReadOnlyList<Planned> plan, IReadOnlyDictionary<string, string> context, EpcisStoreResult result)
    {
        var rows = new List<TableRow>(plan.Count * 2);
        var entries = new List<IndexRow>(plan.Count * 9);
        var writes = new Dictionary<string, Found>(plan.Count, StringComparer.Ordinal);
        foreach (var p in plan)
        {
            var json = EpcisEventJson.Stored(p.Event, RecordTimeOf(p.RecordKey), p.Declaration);
            var body = EpcisRows.BodyRow(p.RecordKey, p.Context ?? context, json);
            rows.Add(body);
            writes[p.Event.EventId] = new Found(new EpcisStoredEvent(p.RecordKey, p.Context ?? context, json), null, body.Data.ToArray());
            if (p.IsNew || p.Existing?.LegacyRow is not null)
            {
                // A new event's id row; an event of layout 1 that a declaration rewrites moves to layout 2 (its id row now points to the body).
                rows.Add(EpcisRows.IdRow(p.Event.EventId, p.RecordKey));
            }

            // Terms come from the event as read (no re-parse of the stored bytes); a declaration merged from the same document adds the error term.
            IEnumerable<(string Kind, string Value)> terms = p.IsNew
                ? [(AllKind, AllTerm), .. EpcisTerms.Of(p.Event.Json).Concat(p.Declared ? [(EpcisTerms.Error, "declared")] : []).Distinct()]
                : [(EpcisTerms.Error, "declared")];
            foreach (var (kind, value) in terms)
            {
                entries.Add(new IndexRow(Partition(kind, value), Key(value) + "|" + p.RecordKey, ReadOnlyMemory<byte>.Empty));
            }
        }

        return new EpcisWritePlan(result, plan, rows, entries, writes);
    }

    /// <summary>
    /// The second half of <see cref="StoreAsync"/>: writes a plan, all or nothing. Events first, then the index entries
    /// that point to them: a document whose rows fail writes no entry at all. Both are blind bulk writes (no ETag per row):
    /// one writer stores captures in order, and every key is the document's own (its record keys) or an id row it found
    /// free or its own.
    /// </summary>
    public async Task<EpcisStoreResult> WriteAsync(EpcisWritePlan write)
    {
        if (write.Plan.Count == 0)
        {
            return write.Result;
        }

        try
        {
            await tables.PutBulkAsync(EventsTable, write.Rows);
            await index.PutManyAsync(Index, write.Entries);
        }
        catch
        {
            // All or nothing: a write that failed (a row the store refuses, an outage) takes back what this document wrote, so
            // no index entry or event of a failed document stays behind. If taking back fails too, a resumed capture rewrites
            // the same keys (its record time is fixed) and takes them back again when it fails.
            await UndoAsync(write.Plan, write.Entries);
            throw;
        }

        return write.Result;
    }

    private async Task UndoAsync(IReadOnlyList<Planned> plan, IReadOnlyList<IndexRow> entries)
    {
        foreach (var partition in entries.GroupBy(e => e.Partition, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(TableStoreLimits.MaxBatchRows))
            {
                await tables.WriteAtomicAsync([.. chunk.Select(e => index.RemoveWrite(Index, e.Partition, e.Key))]);
            }
        }

        var writes = new List<TableWrite>(plan.Count * 2);
        foreach (var p in plan)
        {
            var body = EpcisRows.BodyKey(p.RecordKey);
            if (p.IsNew)
            {
                writes.Add(TableWrite.Delete(EventsTable, EpcisRows.IdPartition(p.Event.EventId), p.Event.EventId));
                writes.Add(TableWrite.Delete(EventsTable, body.PartitionKey, body.RowKey));
            }
            else if (p.Existing?.LegacyRow is { } legacy)
            {
                writes.Add(TableWrite.Upsert(EventsTable, new TableRow(EpcisRows.IdPartition(p.Event.EventId), p.Event.EventId, legacy)));
                writes.Add(TableWrite.Delete(EventsTable, body.PartitionKey, body.RowKey));
            }
            else if (p.Existing?.Body is { } original)
            {
                writes.Add(TableWrite.Upsert(EventsTable, new TableRow(body.PartitionKey, body.RowKey, original)));
            }
        }

        foreach (var partition in writes.GroupBy(w => w.Row.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(TableStoreLimits.MaxBatchRows))
            {
                await tables.WriteAtomicAsync(chunk);
            }
        }
    }

    private static string Partition(string kind, string term)
        => kind is EpcisTerms.Epc or EpcisTerms.Class ? $"{kind}{Fnv(term) & 15:x}" : kind;

    /// <summary>The index form of a value: itself, or its SHA-256 when too long for a key.</summary>
    private static string Key(string term) => term.Length <= 300 && !term.Contains('|', StringComparison.Ordinal) ? term : "#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(term)));

    private static uint Fnv(string s)
    {
        var h = 2166136261u;
        foreach (var ch in s)
        {
            h = (h ^ ch) * 16777619u;
        }

        return h;
    }

    /// <param name="Existing">The stored event an error declaration updates, with the rows to put back if the document fails; null for a new event.</param>
    internal sealed record Planned(EpcisEventIn Event, string RecordKey, JsonElement? Declaration, bool Declared, bool IsNew, IReadOnlyDictionary<string, string>? Context = null, Found? Existing = null);

    /// <summary>A stored event found by the existence query, with its raw rows: a layout-1 id row (the whole event), or a layout-2 body.</summary>
    internal sealed record Found(EpcisStoredEvent Event, byte[]? LegacyRow, byte[]? Body);

    /// <summary>Walks one index value's entries in record-key order, a page at a time.</summary>
    private sealed class Cursor(IIndexStore index, string partition, string term, string? afterRecordKey, string? beforeRecordKey)
    {
        private readonly Queue<IndexEntry> _buffer = new();
        private string? _after = term + "|" + (afterRecordKey ?? string.Empty);
        private readonly string _before = term + "|" + (beforeRecordKey ?? "~");
        private bool _done;

        public async Task<(string RecordKey, string EventId)?> PeekAsync()
        {
            if (_buffer.Count == 0 && !_done)
            {
                var page = await index.ScanAsync(Index, partition, _after, _before, ScanPage);
                foreach (var e in page.Entries)
                {
                    _buffer.Enqueue(e);
                }

                _after = page.NextAfterKey;
                _done = page.NextAfterKey is null;
            }

            return _buffer.TryPeek(out var head) ? (head.Key[(term.Length + 1)..], Encoding.UTF8.GetString(head.Value.Span)) : null;
        }

        public (string RecordKey, string EventId) Take()
        {
            var e = _buffer.Dequeue();
            return (e.Key[(term.Length + 1)..], Encoding.UTF8.GetString(e.Value.Span));
        }

        /// <summary>Drops an entry for the same record key (an event matching two of the values), so it is returned once.</summary>
        public async Task SkipAsync(string recordKey)
        {
            if (await PeekAsync() is { } head && head.RecordKey == recordKey)
            {
                _buffer.Dequeue();
            }
        }
    }
}
