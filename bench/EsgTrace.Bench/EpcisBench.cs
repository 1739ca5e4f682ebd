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
/// indexes — the work a capture job does; then EPC-match queries over everything stored.
/// </summary>
public static class EpcisBench
{
    public const int EventsPerDocument = 1_000;

    public static async Task RunAsync(int captureEvents, int totalEvents)
    {
        using var directory = new TempDirectory();
        await using var sqlite = new SqliteTableStore(Options.Create(new SqliteTableStoreOptions { DatabasePath = Path.Combine(directory.Path, "epcis.db") }), NullLogger<SqliteTableStore>.Instance);
        var store = new EpcisStore(sqlite, new TableIndexStore(sqlite));
        var clock = Instant.FromUtc(2026, 11, 24, 0, 0);
        var documents = totalEvents / EventsPerDocument;
        var sw = Stopwatch.StartNew();
        double captureSeconds = 0;
        long validateTicks = 0;
        for (var d = 0; d < documents; d++)
        {
            var json = Document(d);
            var t0 = Stopwatch.GetTimestamp();
            using var doc = JsonDocument.Parse(json);
            var read = EpcisDocumentReader.Read(doc.RootElement);
            validateTicks += Stopwatch.GetTimestamp() - t0;
            if (!read.IsValid)
            {
                throw new InvalidOperationException(read.Problems[0].Detail);
            }

            var result = await store.StoreAsync(read, $"c{d:D8}", clock.Plus(Duration.FromMilliseconds(d)), proceedOnError: false);
            if (result.Stored != EventsPerDocument)
            {
                throw new InvalidOperationException($"document {d}: stored {result.Stored}");
            }

            if ((d + 1) * EventsPerDocument == captureEvents)
            {
                captureSeconds = sw.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  captured {captureEvents:N0} events in {captureSeconds:0.0} s ({captureEvents / captureSeconds:N0} events/s; parse + schema + hash {Stopwatch.GetElapsedTime(0, validateTicks).TotalSeconds:0.0} s of it)"));
            }
            else if ((d + 1) % 100 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … {(d + 1) * EventsPerDocument:N0} events stored, {sw.Elapsed.TotalSeconds:0} s"));
            }
        }

        var totalSeconds = sw.Elapsed.TotalSeconds;
        var epc = Percentiles(await TimeQueriesAsync(store, 300, i => EpcisQuery.All(30).And(new EpcMatchCriterion(EpcRole.Epc, [EpcisTerms.Identifier(Epc(Random.Shared.Next(documents), Random.Shared.Next(EventsPerDocument), 0))], [])), expected: 1));
        var step = Percentiles(await TimeQueriesAsync(store, 100, i => EpcisQuery.All(30).And(new StandardFieldCriterion(StandardField.BizStep, [EpcisTerms.BizStepValue(i % 2 == 0 ? "shipping" : "receiving")])), expected: 30));
        var window = Percentiles(await TimeQueriesAsync(store, 100, i => EpcisQuery.All(100).And(new TimeCriterion(EventTimeField.EventTime, Comparison.Ge, Instant.FromUtc(2026, 1, 2, 0, 0))).And(new TimeCriterion(EventTimeField.EventTime, Comparison.Lt, Instant.FromUtc(2026, 1, 3, 0, 0))), expected: 100));
        var size = new FileInfo(sqlite.DatabasePath).Length + (File.Exists(sqlite.DatabasePath + "-wal") ? new FileInfo(sqlite.DatabasePath + "-wal").Length : 0);
        Console.WriteLine();
        Console.WriteLine("| measure | events | result |");
        Console.WriteLine("|---|---:|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| capture (parse, GS1 schema, CBV hash, durable store + indexes), documents of {EventsPerDocument:N0} | {captureEvents:N0} | {captureEvents / captureSeconds:N0} events/s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| capture, whole run | {totalEvents:N0} | {totalEvents / totalSeconds:N0} events/s, database {size / 1_000_000.0:N0} MB |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| query MATCH_epc (one EPC, 300 random) | {totalEvents:N0} stored | p50 {epc.P50:0.00} ms, p99 {epc.P99:0.00} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| query EQ_bizStep, first page of 30 | {totalEvents:N0} stored | p50 {step.P50:0.00} ms, p99 {step.P99:0.00} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| query GE/LT_eventTime, page of 100 (filtered scan) | {totalEvents:N0} stored | p50 {window.P50:0.00} ms, p99 {window.P99:0.00} ms |"));
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
