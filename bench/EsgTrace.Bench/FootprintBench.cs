using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using EsgTrace.Accounts;
using EsgTrace.Hosting.Sqlite;
using EsgTrace.Storage;
using EsgTrace.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EsgTrace.Bench;

/// <summary>
/// The figures kept current, measured over HTTP against the embedded platform as a real process (./run.sh's shape):
/// a product drawing on N upstream lots (each shipped once), then many times one new shipment followed by a footprint read
/// (figure and breakdowns; terms=0, the per-term detail pages) and a traceability read (shares and flags; nodes=0, the tree pages). And shipment writes at 64 clients on
/// lots without shipments and on lots with 500 shipments each, in alternating windows after a warm-up. Each figure has a
/// same-run baseline: a /health round trip for reads, raw durable SQLite upserts through the store's group commit for writes.
/// </summary>
public static class FootprintBench
{
    private const int Clients = 64;

    public static async Task RunAsync(IReadOnlyList<int> lotCounts, TimeSpan writeDuration, int perLotFill)
    {
        var rawInserts = await RawInsertsPerSecondAsync(TimeSpan.FromSeconds(3));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline: raw durable SQLite upserts, {Clients} writers, group commit: {rawInserts:N0} rows/s"));
        var lines = new List<string>
        {
            "| case | figure | same-run baseline |",
            "|---|---:|---|",
        };
        foreach (var lots in lotCounts)
        {
            var (footprint, trace, health) = await ReadsAsync(lots, samples: 200);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| footprint read after one new shipment, {lots:N0} upstream lots | p50 {footprint.P50:0.00} ms, p99 {footprint.P99:0.00} ms | /health round trip p50 {health:0.00} ms |"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| traceability read after one new shipment, {lots:N0} upstream lots | p50 {trace.P50:0.00} ms, p99 {trace.P99:0.00} ms | /health round trip p50 {health:0.00} ms |"));
            Console.WriteLine(lines[^2]);
            Console.WriteLine(lines[^1]);
        }

        var (empty, full) = await WritesAsync(writeDuration, perLotFill);
        lines.AddRange(WriteLines(empty, full, perLotFill, rawInserts));
        Console.WriteLine(lines[^2]);
        Console.WriteLine(lines[^1]);
        var path = Path.Combine(RepositoryRoot.Path, "bench", "results", "footprint.md");
        await File.WriteAllTextAsync(path, $"# Footprint figures kept current (embedded SQLite, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd})\n\n`dotnet run -c Release --project bench/EsgTrace.Bench -- footprint`\n\n{string.Join('\n', lines)}\n");
        Console.WriteLine($"Table: {path}");
    }

    /// <summary>The write figures alone, with their baseline, printed and not kept (for iterating on the write path).</summary>
    public static async Task RunWritesAsync(TimeSpan writeDuration, int perLotFill)
    {
        var rawInserts = await RawInsertsPerSecondAsync(TimeSpan.FromSeconds(3));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline: raw durable SQLite upserts, {Clients} writers, group commit: {rawInserts:N0} rows/s"));
        var (empty, full) = await WritesAsync(writeDuration, perLotFill);
        foreach (var line in WriteLines(empty, full, perLotFill, rawInserts))
        {
            Console.WriteLine(line);
        }
    }

    private static async Task<((double P50, double P99) Footprint, (double P50, double P99) Trace, double Health)> ReadsAsync(int lots, int samples)
    {
        using var directory = new TempDirectory();
        await using var platform = await EmbeddedPlatform.StartAsync(directory.Path);
        using var api = ApiClients.For(platform.Address, await platform.IssueKeyAsync(Role.SupplyChain));
        var started = Stopwatch.StartNew();
        await Must(api.PutAsJsonAsync("/api/suppliers/fb-mill", new { name = "Bench Mill", country = "IN", tier = 2 }));
        await Parallel.ForEachAsync(Enumerable.Range(0, lots), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, ct) =>
        {
            await Must(api.PutAsJsonAsync($"/api/lots/fb-L{i}", new
            {
                material = "fabric", quantity = 1000m, unit = "kg", supplierId = "fb-mill", originCountry = "IN", recycledShare = 0m, site = "Mill",
                factor = new { kind = "primary", kgCo2ePerUnit = 4.0m, perUnit = "kg", source = "bench" }, inputLotIds = Array.Empty<string>(),
            }, ct));
            await Must(api.PutAsJsonAsync($"/api/shipments/fb-S{i}", Shipment($"fb-L{i}", "Mill", "Plant", 500, i), ct));
        });
        await Must(api.PutAsJsonAsync("/api/products/fb-p", new { name = "Bench product", declaredUnit = "1 piece", bom = new[] { new { kind = "material", @ref = "fabric", quantity = 100m, unit = "g" } } }));
        for (var b = 0; b * 500 < lots; b++)
        {
            var inputs = Enumerable.Range(b * 500, Math.Min(500, lots - (b * 500))).Select(i => $"fb-L{i}").ToArray();
            await Must(api.PutAsJsonAsync($"/api/batches/fb-B{b}", new { productId = "fb-p", inputLotIds = inputs, quantity = 1000, producedAt = "2026-05-01T08:00:00+02:00" }));
        }

        Console.WriteLine($"  {lots:N0} lots, {lots:N0} shipments, {(lots + 499) / 500} batches recorded in {started.Elapsed.TotalSeconds:0} s");
        await api.GetAsync("/api/products/fb-p/footprint?terms=0"); // first read loads every record
        var footprint = new double[samples];
        var trace = new double[samples];
        var health = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            await Must(api.PutAsJsonAsync($"/api/shipments/fb-X{s}", Shipment($"fb-L{s % lots}", "Plant", "Store", 1, lots + s)));
            footprint[s] = await TimeAsync(api, "/api/products/fb-p/footprint?terms=0");
            trace[s] = await TimeAsync(api, "/api/products/fb-p/traceability?nodes=0");
            health[s] = await TimeAsync(api, "/health");
        }

        return (Percentiles(footprint), Percentiles(trace), Percentiles(health).P50);
    }

    private static string[] WriteLines(WriteFigure empty, WriteFigure full, int perLotFill, double rawInserts) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"| shipments recorded over HTTP, {Clients} clients, lots without shipments | {empty} | raw SQLite upserts {rawInserts:N0} rows/s |"),
        string.Create(CultureInfo.InvariantCulture, $"| shipments recorded over HTTP, {Clients} clients, lots from {perLotFill} shipments each | {full} ({(full.PerSecond / empty.PerSecond - 1) * 100:+0;-0} % rate, {(full.CpuMicrosecondsEach / empty.CpuMicrosecondsEach - 1) * 100:+0;-0} % CPU vs lots without) | raw SQLite upserts {rawInserts:N0} rows/s |"),
    ];

    /// <summary>
    /// Shipment writes on lots without shipments ("empty") and on lots already holding <paramref name="perLotFill"/> each
    /// ("full"), in alternating windows (empty, full, full, empty, …) after a warm-up, so the machine's other load drifts into
    /// both figures alike. Each empty window uses lots of its own, new at its start.
    /// </summary>
    private static async Task<(WriteFigure Empty, WriteFigure Full)> WritesAsync(TimeSpan duration, int perLotFill)
    {
        const int Rounds = 4;
        using var directory = new TempDirectory();
        await using var platform = await EmbeddedPlatform.StartAsync(directory.Path);
        // CPU time the platform process spends per shipment: unlike the rate, it does not move with the machine's other load.
        using var process = Process.GetProcessById(platform.Process.Id);
        using var api = ApiClients.For(platform.Address, await platform.IssueKeyAsync(Role.SupplyChain));
        await Must(api.PutAsJsonAsync("/api/suppliers/fw-mill", new { name = "Bench Mill", country = "IN", tier = 2 }));
        var sets = new[] { "fw-W", "fw-F" }.Concat(Enumerable.Range(0, Rounds).Select(r => $"fw-E{r}-")).ToList();
        await Parallel.ForEachAsync(sets.SelectMany(set => Enumerable.Range(0, Clients).Select(i => set + i)), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (lot, ct) =>
            await Must(api.PutAsJsonAsync($"/api/lots/{lot}", new
            {
                material = "fabric", quantity = 1_000_000m, unit = "kg", supplierId = "fw-mill", originCountry = "IN", recycledShare = 0m, site = "Mill",
                factor = new { kind = "primary", kgCo2ePerUnit = 4.0m, perUnit = "kg", source = "bench" }, inputLotIds = Array.Empty<string>(),
            }, ct)));

        // Warm-up on lots of their own (JIT, pools, grain types), then the full lots are filled.
        await DriveAsync(api, new int[Clients], TimeSpan.FromSeconds(15), "fw-W");
        var full = new int[Clients];
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            while (full[c] < perLotFill)
            {
                await Must(api.PutAsJsonAsync($"/api/shipments/fw-F-{c}-{full[c]}", Shipment($"fw-F{c}", "Mill", "Plant", 1, full[c])));
                full[c]++;
            }
        }));

        // Windows shorter than 5 s let one garbage collection or a neighbour's burst decide a figure.
        var window = TimeSpan.FromTicks(Math.Max(duration.Ticks / 2, TimeSpan.FromSeconds(5).Ticks));
        var empty = new WriteFigure(0, 0, TimeSpan.Zero);
        var fullFigure = empty;
        for (var r = 0; r < Rounds; r++)
        {
            foreach (var isFull in r % 2 == 0 ? new[] { false, true } : [true, false])
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var (done, seconds) = await DriveAsync(api, isFull ? full : new int[Clients], window, isFull ? "fw-F" : $"fw-E{r}-");
                process.Refresh();
                var measured = new WriteFigure(done, seconds, process.TotalProcessorTime - cpu);
                if (isFull)
                {
                    fullFigure = fullFigure.Plus(measured);
                }
                else
                {
                    empty = empty.Plus(measured);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {r + 1}, {(isFull ? $"lots from {perLotFill} shipments" : "lots without shipments")}: {measured}"));
            }
        }

        return (empty, fullFigure);
    }

    /// <summary>Shipments acknowledged in some windows, how long they took, and the platform's CPU time in them.</summary>
    private sealed record WriteFigure(int Done, double Seconds, TimeSpan Cpu)
    {
        public double PerSecond => Done / Seconds;

        public double CpuMicrosecondsEach => Cpu.TotalMicroseconds / Done;

        public WriteFigure Plus(WriteFigure other) => new(Done + other.Done, Seconds + other.Seconds, Cpu + other.Cpu);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PerSecond:N0} /s, platform CPU {CpuMicrosecondsEach:N0} µs per shipment");
    }

    /// <summary>Each client records shipments of its own lot, one at a time, for the duration: shipments acknowledged (durable) and seconds taken.</summary>
    private static async Task<(int Done, double Seconds)> DriveAsync(HttpClient api, int[] sequence, TimeSpan duration, string lots)
    {
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            while (watch.Elapsed < duration)
            {
                await Must(api.PutAsJsonAsync($"/api/shipments/{lots}-{c}-{sequence[c]}", Shipment($"{lots}{c}", "Mill", "Plant", 1, sequence[c])));
                sequence[c]++;
                Interlocked.Increment(ref done);
            }
        }));
        return (done, watch.Elapsed.TotalSeconds);
    }

    private static async Task<double> RawInsertsPerSecondAsync(TimeSpan duration)
    {
        using var directory = new TempDirectory();
        await using var store = new SqliteTableStore(Options.Create(new SqliteTableStoreOptions { DatabasePath = Path.Combine(directory.Path, "raw.db") }), NullLogger<SqliteTableStore>.Instance);
        var payload = new byte[300];
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            for (var i = 0; watch.Elapsed < duration; i++)
            {
                await store.UpsertAsync("raw", new TableRow("p" + c, i.ToString("D9", CultureInfo.InvariantCulture), payload));
                Interlocked.Increment(ref done);
            }
        }));
        return done / watch.Elapsed.TotalSeconds;
    }

    private static object Shipment(string lot, string from, string to, decimal kg, int n)
    {
        var departed = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(2)).AddMinutes(n);
        return new
        {
            lotIds = new[] { lot }, from, to, mode = "road", distance = 100m, distanceUnit = "km", mass = kg, massUnit = "kg",
            departedAt = departed.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            arrivedAt = departed.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };
    }

    private static async Task<double> TimeAsync(HttpClient api, string path)
    {
        var t = Stopwatch.GetTimestamp();
        using var response = await api.GetAsync(path);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }

    private static (double P50, double P99) Percentiles(double[] values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)]);
    }

    private static async Task Must(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
