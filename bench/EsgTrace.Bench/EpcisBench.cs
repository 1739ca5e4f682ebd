using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EsgTrace.Epcis;
using EsgTrace.Epcis.Query;
using EsgTrace.Hosting.Sqlite;
using EsgTrace.Hosting.Tables;
using EsgTrace.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace EsgTrace.Bench;

/// <summary>
/// EPCIS capture and query on the embedded store (SQLite WAL, synchronous=FULL): documents of 1,000 ObjectEvents
/// without eventIDs (so every event is hashed), each parsed, checked against the GS1 schema and stored durably with its
/// indexes — the work a capture job does — in a pipeline: the next document is read and checked while the current one is
/// written. Then EPC-match queries over everything stored. Each figure has a same-run baseline beside it: capture beside
/// parse + schema + hash alone (the ceiling), the rate at the end beside the rate of the first 100,000, the database beside
/// the events' own JSON, and a query beside one primary-key read of an event.
/// </summary>
public static class EpcisBench
{
    public const int EventsPerDocument = 1_000;

    /// <summary>Documents checked ahead of the one being written: one (on two cores, two checkers beside the writer measured slower: 8,201 against ~9,000 events/s).</summary>
    private const int PipelineDepth = 1;

    public static async Task RunAsync(int captureEvents, int totalEvents)
    {
        using var directory = new TempDirectory();
        await using var sqlite = new SqliteTableStore(Options.Create(new SqliteTableStoreOptions { DatabasePath = Path.Combine(directory.Path, "epcis.db") }), NullLogger<SqliteTableStore>.Instance);
        var store = new EpcisStore(sqlite, new TableIndexStore(sqlite));
        var clock = Instant.FromUtc(2026, 11, 24, 0, 0);
        var documents = totalEvents / EventsPerDocument;

        // Baseline: parse + schema + hash alone, on the first documents, nothing else running.
        var ceilingDocuments = Math.Min(10, documents);
        // Warm-up, not counted: three seconds of documents, so the tiered JIT has promoted the hot code (timed sooner, the
        // baseline read about half the rate it reaches).
        var warming = Stopwatch.StartNew();
        for (var w = 0; warming.Elapsed < TimeSpan.FromSeconds(3); w++)
        {
            Prepare(documents - 1 - (w % documents)).Dispose();
        }

        var t = Stopwatch.GetTimestamp();
        for (var d = 0; d < ceilingDocuments; d++)
        {
            Prepare(d).Dispose();
        }

        var ceiling = ceilingDocuments * EventsPerDocument / Stopwatch.GetElapsedTime(t).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  parse + schema + hash alone: {ceiling:N0} events/s ({ceilingDocuments} documents)"));

        var sw = Stopwatch.StartNew();
        double captureSeconds = 0;
        var window = (Events: 0, Seconds: 0.0, Rate: 0.0);
        // The pipeline: the next documents are generated, parsed, schema-checked and hashed on other threads while d is
        // written, as concurrent POST /capture requests check theirs while the repository grain writes earlier ones.
        var ahead = new Queue<Task<Prepared>>();
        for (var d0 = 0; d0 < Math.Min(PipelineDepth, documents); d0++)
        {
            var first = d0;
            ahead.Enqueue(Task.Run(() => Prepare(first)));
        }

        // The repository's pipeline plans each document while the one before it is written: two stores in flight.
        var pipeline = new EpcisCapturePipeline(store);
        var storing = new Queue<(int Document, Prepared Prepared, Task<EpcisStoreResult> Store)>();
        for (var d = 0; d < documents; d++)
        {
            var prepared = await ahead.Dequeue();
            var following = d + PipelineDepth;
            if (following < documents)
            {
                ahead.Enqueue(Task.Run(() => Prepare(following)));
            }

            storing.Enqueue((d, prepared, pipeline.StoreAsync(prepared.Read, $"c{d:D8}", clock.Plus(Duration.FromMilliseconds(d)), proceedOnError: false)));
            while (storing.Count > 1 || (d == documents - 1 && storing.Count > 0))
            {
                var done = storing.Dequeue();
                var result = await done.Store;
                done.Prepared.Dispose();
                if (result.Stored != EventsPerDocument)
                {
                    throw new InvalidOperationException($"document {done.Document}: stored {result.Stored}");
                }

                var stored = (done.Document + 1) * EventsPerDocument;
                if (stored == captureEvents)
                {
                    captureSeconds = sw.Elapsed.TotalSeconds;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  captured {captureEvents:N0} events in {captureSeconds:0.0} s ({captureEvents / captureSeconds:N0} events/s; parse + schema + hash alone {ceiling:N0} events/s)"));
                }

                if (stored % 100_000 == 0 || done.Document == documents - 1)
                {
                    var seconds = sw.Elapsed.TotalSeconds;
                    var rate = (stored - window.Events) / (seconds - window.Seconds);
                    window = (stored, seconds, rate);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … {stored:N0} events stored, {seconds:0} s; the last {Math.Min(stored, 100_000):N0} at {rate:N0} events/s"));
                }
            }
        }

        var totalSeconds = sw.Elapsed.TotalSeconds;
        var epc = Percentiles(await TimeQueriesAsync(store, 300, i => EpcisQuery.All(30).And(new EpcMatchCriterion(EpcRole.Epc, [EpcisTerms.Identifier(Epc(Random.Shared.Next(documents), Random.Shared.Next(EventsPerDocument), 0))], [])), expected: 1));
        var read = Percentiles(await TimeReadsAsync(store, 300, documents));
        var step = Percentiles(await TimeQueriesAsync(store, 100, i => EpcisQuery.All(30).And(new StandardFieldCriterion(StandardField.BizStep, [EpcisTerms.BizStepValue(i % 2 == 0 ? "shipping" : "receiving")])), expected: 30));
        var timeWindow = Percentiles(await TimeQueriesAsync(store, 100, i => EpcisQuery.All(100).And(new TimeCriterion(EventTimeField.EventTime, Comparison.Ge, Instant.FromUtc(2026, 1, 2, 0, 0))).And(new TimeCriterion(EventTimeField.EventTime, Comparison.Lt, Instant.FromUtc(2026, 1, 3, 0, 0))), expected: 100));
        await sqlite.DisposeAsync();
        var (size, json) = Sizes(sqlite.DatabasePath);
        var beyond = (size - json) / (double)totalEvents;
        Console.WriteLine();
        Console.WriteLine("| measure | events | result | same-run baseline |");
        Console.WriteLine("|---|---:|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| capture (parse, GS1 schema, CBV hash, durable store + indexes; pipelined), documents of {EventsPerDocument:N0} | first {captureEvents:N0} | {captureEvents / captureSeconds:N0} events/s | parse + schema + hash alone {ceiling:N0} events/s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| capture, last {Math.Min(totalEvents, 100_000):N0} (up to {totalEvents:N0} stored) | {totalEvents:N0} | {window.Rate:N0} events/s ({window.Rate / (captureEvents / captureSeconds):P0} of the first) | first {captureEvents:N0}: {captureEvents / captureSeconds:N0} events/s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| capture, whole run | {totalEvents:N0} | {totalEvents / totalSeconds:N0} events/s | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| database (file + WAL after close) | {totalEvents:N0} | {size / 1_000_000.0:N0} MB, {size / (double)totalEvents:N0} B per event, {beyond:N0} B per event beyond its JSON | the events' own JSON: {json / 1_000_000.0:N0} MB, {json / (double)totalEvents:N0} B per event |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| query MATCH_epc (one EPC, 300 random) | {totalEvents:N0} stored | p50 {epc.P50:0.00} ms, p99 {epc.P99:0.00} ms | one event read by eventID: p50 {read.P50:0.00} ms, p99 {read.P99:0.00} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| query EQ_bizStep, first page of 30 | {totalEvents:N0} stored | p50 {step.P50:0.00} ms, p99 {step.P99:0.00} ms | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| query GE/LT_eventTime, page of 100 (filtered scan) | {totalEvents:N0} stored | p50 {timeWindow.P50:0.00} ms, p99 {timeWindow.P99:0.00} ms | |"));
    }

    /// <summary>A document as a capture receives it: generated, parsed, schema-checked, every event hashed.</summary>
    private static Prepared Prepare(int d)
    {
        var doc = JsonDocument.Parse(Document(d));
        var read = EpcisDocumentReader.Read(doc.RootElement);
        if (!read.IsValid)
        {
            throw new InvalidOperationException(read.Problems[0].Detail);
        }

        return new Prepared(doc, read);
    }

    private sealed record Prepared(JsonDocument Document, EpcisDocumentRead Read) : IDisposable
    {
        public void Dispose() => Document.Dispose();
    }

    /// <summary>The database's bytes (file and WAL) and, within them, the events' own JSON (each body row holds it inside <c>{"c":{},"e":…}</c>).</summary>
    private static (long Size, long Json) Sizes(string database)
    {
        var size = new FileInfo(database).Length + (File.Exists(database + "-wal") ? new FileInfo(database + "-wal").Length : 0);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(length(data) - 13), 0) FROM epcisevents WHERE pk >= 'b' AND pk < 'c'";
        return (size, (long)command.ExecuteScalar()!);
    }

    private static async Task<List<double>> TimeReadsAsync(EpcisStore store, int count, int documents)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var page = await store.QueryAsync(EpcisQuery.All(1).And(new EpcMatchCriterion(EpcRole.Epc, [EpcisTerms.Identifier(Epc(Random.Shared.Next(documents), Random.Shared.Next(EventsPerDocument), 0))], [])));
            using var e = JsonDocument.Parse(page.Events[0]);
            ids.Add(e.RootElement.GetProperty("eventID").GetString()!);
        }

        var times = new List<double>(count);
        foreach (var id in ids)
        {
            var t0 = Stopwatch.GetTimestamp();
            _ = await store.ReadAsync(id) ?? throw new InvalidOperationException("an event is missing");
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return times;
    }

    private static async Task<List<double>> TimeQueriesAsync(EpcisStore store, int count, Func<int, EpcisQuery> query, int expected)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var page = await store.QueryAsync(query(i));
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            if (page.Events.Count < Math.Min(expected, 1))
            {
                throw new InvalidOperationException("a query found nothing");
            }
        }

        return times;
    }

    private static (double P50, double P99) Percentiles(List<double> times)
    {
        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Min(times.Count - 1, Math.Ceiling(times.Count * 0.99) - 1)]);
    }

    private static string Epc(int document, int index, int item) => $"urn:epc:id:sgtin:4012345.0{document % 90_000 + 10_000:D5}.{document}x{index}x{item}";

    private static byte[] Document(int d)
    {
        var s = new StringBuilder(400 * EventsPerDocument);
        s.Append("""{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-24T00:00:00Z","epcisBody":{"eventList":[""");
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(d * 300.0);
        for (var i = 0; i < EventsPerDocument; i++)
        {
            if (i > 0)
            {
                s.Append(',');
            }

            var step = i % 3 == 0 ? "shipping" : i % 3 == 1 ? "receiving" : "storing";
            s.Append(CultureInfo.InvariantCulture, $$$"""{"type":"ObjectEvent","eventTime":"{{{start.AddSeconds(i * 17):yyyy-MM-ddTHH:mm:ss.fffZ}}}","eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"{{{step}}}","disposition":"in_progress","epcList":["{{{Epc(d, i, 0)}}}","{{{Epc(d, i, 1)}}}"],"readPoint":{"id":"urn:epc:id:sgln:4012345.00001.{{{i % 50}}}"},"bizLocation":{"id":"urn:epc:id:sgln:4012345.00002.0"}}""");
        }

        s.Append("]}}");
        return Encoding.UTF8.GetBytes(s.ToString());
    }
}
