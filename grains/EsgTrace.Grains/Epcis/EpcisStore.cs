using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// The EPCIS event repository on the storage seams. Each event is one row of table "epcisevents" (partition = one of 16
/// buckets of the eventID's SHA-256, row = eventID) holding its record key, the namespace prefixes its document declared
/// and its JSON. Index "epcis" lists every event by record key ("all") and under each value it can be queried by
/// (<see cref="EpcisTerms"/>), keyed "{value}|{recordKey}" so one value's events are a range in record order. Writes are
/// bulk upserts of at most 100 rows per partition, issued together so the embedded store commits them in few transactions.
/// </summary>
public sealed class EpcisStore(ITableStore tables, IIndexStore index)
{
    public const string EventsTable = "epcisevents";
    public const string Index = "epcis";
    private const string AllKind = "all";
    private const string AllTerm = "*";
    private const int ScanPage = 256;

    /// <summary>Candidates examined per query page at most; a page may come back short with a token to continue.</summary>
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
    {
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

            var existing = await ReadAsync(e.EventId);
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
                    plan[e.EventId] = new Planned(original, existing.RecordKey, e.Json.GetProperty("errorDeclaration"), true, IsNew: false, existing.Context,
                        Encode(existing.RecordKey, existing.Context, existing.Event));
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
            return new EpcisStoreResult(0, duplicates, [], [], problems);
        }

        await WriteAsync(plan.Values.ToList(), document.Context);
        var stored = plan.Values.Where(p => p.IsNew).Select(p => p.Event.EventId).ToList();
        var declared = plan.Values.Where(p => p.Declared).Select(p => p.Event.EventId).ToList();
        return new EpcisStoreResult(stored.Count, duplicates, stored, declared, problems);
    }

    /// <summary>One stored event, or null.</summary>
    public async Task<EpcisStoredEvent?> ReadAsync(string eventId)
    {
        var row = await tables.GetAsync(EventsTable, Bucket(eventId), eventId);
        return row is null ? null : Decode(row.Data);
    }

    /// <summary>One page of the events that match, in record order.</summary>
    public async Task<EpcisPage> QueryAsync(EpcisQuery q)
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new List<byte[]>();
        var masterData = await MasterDataResolution.ResolveAsync(q.MasterData, new MasterDataIndex(index));
        if (masterData?.MatchesNothing == true)
        {
            return new EpcisPage(results, context, null);
        }

        if (q.EventIds.Count > 0)
        {
            var found = new List<EpcisStoredEvent>();
            foreach (var id in q.EventIds)
            {
                if (await ReadAsync(id) is { } e && Matches(q, e, masterData))
                {
                    found.Add(e);
                }
            }

            foreach (var e in found.OrderBy(e => e.RecordKey, StringComparer.Ordinal).Take(q.PerPage))
            {
                Add(e);
            }

            return new EpcisPage(results, context, null);
        }

        var (kind, terms) = Plan(masterData?.Narrow(q) ?? q);
        var after = q.NextPageToken is { } token ? EpcisPageToken.Decode(token) : null;
        if (q.GeRecordTime is { } ge)
        {
            var from = $"{ge.ToUnixTimeTicks() - 1:D19}~";
            after = after is null || string.CompareOrdinal(from, after) > 0 ? from : after;
        }

        var before = q.LtRecordTime is { } lt ? $"{lt.ToUnixTimeTicks():D19}" : null;
        var cursors = terms.Select(t => new Cursor(index, Partition(kind, t), Key(t), after, before)).ToList();
        string? last = null;
        var scanned = 0;
        while (results.Count < q.PerPage && scanned < ScanLimit)
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
                return new EpcisPage(results, context, null);
            }

            var (recordKey, eventId) = next.Take();
            foreach (var c in cursors.Where(c => c != next))
            {
                await c.SkipAsync(recordKey);
            }

            scanned++;
            last = recordKey;
            if (await ReadAsync(eventId) is { } stored && stored.RecordKey == recordKey && Matches(q, stored, masterData))
            {
                Add(stored);
            }
        }

        var more = false;
        foreach (var c in cursors)
        {
            more |= await c.PeekAsync() is not null;
        }

        return new EpcisPage(results, context, more && last is not null ? EpcisPageToken.Encode(last) : null);

        void Add(EpcisStoredEvent e)
        {
            results.Add(e.Event);
            foreach (var (prefix, uri) in e.Context)
            {
                context.TryAdd(prefix, uri);
            }
        }
    }

    /// <summary>The stored event and the sent one are one event in canonical form, each read with its own document's prefixes.</summary>
    private static bool SameEvent(EpcisStoredEvent stored, EpcisEventIn e, IReadOnlyDictionary<string, string> context)
    {
        using var doc = JsonDocument.Parse(stored.Event);
        return EpcisEventJson.SameEvent(doc.RootElement, stored.Context, e.Json, context);
    }

    private static bool Matches(EpcisQuery q, EpcisStoredEvent e, MasterDataFilter? masterData)
    {
        using var doc = JsonDocument.Parse(e.Event);
        return q.Matches(doc.RootElement, RecordTimeOf(e.RecordKey)) && (masterData is null || masterData.Matches(doc.RootElement));
    }

    private static (string Kind, IReadOnlyList<string> Terms) Plan(EpcisQuery q)
    {
        foreach (var epcs in new[] { q.MatchAnyEpc, q.MatchEpc, q.MatchParentId, q.MatchInputEpc, q.MatchOutputEpc })
        {
            if (epcs.Count > 0)
            {
                return (EpcisTerms.Epc, epcs);
            }
        }

        return q switch
        {
            { MatchEpcClass.Count: > 0 } => (EpcisTerms.Class, q.MatchEpcClass),
            { MatchAnyEpcClass.Count: > 0 } => (EpcisTerms.Class, q.MatchAnyEpcClass),
            { BizLocations.Count: > 0 } => (EpcisTerms.BizLocation, q.BizLocations),
            { ReadPoints.Count: > 0 } => (EpcisTerms.ReadPoint, q.ReadPoints),
            { ExistsErrorDeclaration: true } => (EpcisTerms.Error, ["declared"]),
            { BizSteps.Count: > 0 } => (EpcisTerms.BizStep, q.BizSteps),
            { Dispositions.Count: > 0 } => (EpcisTerms.Disposition, q.Dispositions),
            { EventTypes.Count: > 0 } => (EpcisTerms.Type, q.EventTypes),
            _ => (AllKind, [AllTerm]),
        };
    }

    private async Task WriteAsync(IReadOnlyList<Planned> plan, IReadOnlyDictionary<string, string> context)
    {
        var rows = new Dictionary<string, List<TableRow>>(StringComparer.Ordinal);
        var entries = new Dictionary<string, List<IndexEntry>>(StringComparer.Ordinal);
        foreach (var p in plan)
        {
            var json = EpcisEventJson.Stored(p.Event, RecordTimeOf(p.RecordKey), p.Declaration);
            var bucket = Bucket(p.Event.EventId);
            (rows.TryGetValue(bucket, out var r) ? r : rows[bucket] = []).Add(new TableRow(bucket, p.Event.EventId, Encode(p.RecordKey, p.Context ?? context, json)));
            var id = Encoding.UTF8.GetBytes(p.Event.EventId);
            // Terms come from the event as read (no re-parse of the stored bytes); a declaration merged from the same document adds the error term.
            IEnumerable<(string Kind, string Value)> terms = p.IsNew
                ? [(AllKind, AllTerm), .. EpcisTerms.Of(p.Event.Json).Concat(p.Declared ? [(EpcisTerms.Error, "declared")] : []).Distinct()]
                : [(EpcisTerms.Error, "declared")];
            foreach (var (kind, value) in terms)
            {
                var partition = Partition(kind, value);
                (entries.TryGetValue(partition, out var list) ? list : entries[partition] = []).Add(new IndexEntry(Key(value) + "|" + p.RecordKey, id));
            }
        }

        // Events first, then the index entries that point to them: a document whose rows fail writes no entry at all.
        try
        {
            await Task.WhenAll(rows.Values.SelectMany(list => list.Chunk(TableStoreLimits.MaxBatchRows)).Select(chunk => tables.UpsertBatchAsync(EventsTable, chunk)));
            await Task.WhenAll(entries.SelectMany(e => e.Value.Chunk(TableStoreLimits.MaxBatchRows).Select(chunk => index.PutBatchAsync(Index, e.Key, chunk))));
        }
        catch
        {
            // All or nothing: a write that failed (a row the store refuses, an outage) takes back what this document wrote, so
            // no index entry or event of a failed document stays behind. If taking back fails too, a resumed capture rewrites
            // the same keys (its record time is fixed) and takes them back again when it fails.
            await UndoAsync(plan, entries);
            throw;
        }
    }

    private async Task UndoAsync(IReadOnlyList<Planned> plan, Dictionary<string, List<IndexEntry>> entries)
    {
        foreach (var (partition, list) in entries)
        {
            foreach (var chunk in list.Chunk(TableStoreLimits.MaxBatchRows))
            {
                await tables.WriteAtomicAsync([.. chunk.Select(e => index.RemoveWrite(Index, partition, e.Key))]);
            }
        }

        foreach (var bucket in plan.GroupBy(p => Bucket(p.Event.EventId)))
        {
            foreach (var chunk in bucket.Chunk(TableStoreLimits.MaxBatchRows))
            {
                await tables.WriteAtomicAsync([.. chunk.Select(p => p.Original is { } original
                    ? TableWrite.Upsert(EventsTable, new TableRow(bucket.Key, p.Event.EventId, original))
                    : TableWrite.Delete(EventsTable, bucket.Key, p.Event.EventId))]);
            }
        }
    }

    private static string Bucket(string eventId) => "e" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)).AsSpan(0, 1))[..1];

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

    private static byte[] Encode(string recordKey, IReadOnlyDictionary<string, string> context, byte[] json)
    {
        var buffer = new ArrayBufferWriter<byte>(json.Length + 128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("k", recordKey);
            w.WriteStartObject("c");
            foreach (var (prefix, uri) in context)
            {
                w.WriteString(prefix, uri);
            }

            w.WriteEndObject();
            w.WritePropertyName("e");
            w.WriteRawValue(json, skipInputValidation: true);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static EpcisStoredEvent Decode(ReadOnlyMemory<byte> data)
    {
        using var doc = JsonDocument.Parse(data);
        var root = doc.RootElement;
        var context = root.GetProperty("c").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new EpcisStoredEvent(root.GetProperty("k").GetString()!, context, Encoding.UTF8.GetBytes(root.GetProperty("e").GetRawText()));
    }

    /// <param name="Original">The stored row an error declaration updates, to put back if the document fails; null for a new event.</param>
    private sealed record Planned(EpcisEventIn Event, string RecordKey, JsonElement? Declaration, bool Declared, bool IsNew, IReadOnlyDictionary<string, string>? Context = null, byte[]? Original = null);

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
