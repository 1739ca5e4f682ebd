using System.Globalization;
using EsgTrace.Bench;
using EsgTrace.Hosting.Azure;
using EsgTrace.Hosting.Sqlite;
using EsgTrace.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Usage: dotnet run -c Release --project bench/EsgTrace.Bench [storage|lists|import|epcis|load|footprint|footprint-profile|footprint-writes|all] [seconds-per-case | rows for import [imports]]
var what = args.Length > 0 ? args[0] : "all";
var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
Console.WriteLine($"EsgTrace benchmarks ({what}), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

if (what is "storage" or "all")
{
    await StorageWritesAsync(TimeSpan.FromSeconds(seconds));
}

if (what is "lists" or "all")
{
    await ShipmentListsAsync(100_000);
}

if (what is "epcis" or "all")
{
    var total = what == "epcis" && args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    Console.WriteLine($"EPCIS capture and query, embedded store, {total:N0} events");
    await EpcisBench.RunAsync(Math.Min(100_000, total), total);
}

if (what is "footprint" or "all")
{
    Console.WriteLine("Footprint figures kept current: reads after one new shipment, and shipment writes, embedded platform over HTTP");
    await FootprintBench.RunAsync([1_000, 10_000], TimeSpan.FromSeconds(what == "footprint" && args.Length > 1 ? seconds : 5), perLotFill: 500);
}

if (what is "footprint-profile")
{
    Console.WriteLine("Where a figures read's time goes, in process (no HTTP, no grains)");
    FootprintProfile.Run([1_000, 10_000], args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
}

if (what is "footprint-writes")
{
    Console.WriteLine("Shipment writes only (what `footprint` measures last), embedded platform over HTTP; bench/results is not rewritten");
    await FootprintBench.RunWritesAsync(TimeSpan.FromSeconds(args.Length > 1 ? seconds : 5), perLotFill: 500);
}

if (what is "load")
{
    Console.WriteLine($"HTTP load, {seconds:0.#} s per concurrency level (configurations start as real processes)");
    var rows = await LoadBench.RunAsync(TimeSpan.FromSeconds(seconds));
    var results = Path.Combine(RepositoryRoot.Path, "bench", "results");
    LoadBench.Write(rows, Path.Combine(results, "load-table.md"), Path.Combine(results, "load.svg"));
    Console.WriteLine($"Table: {Path.Combine(results, "load-table.md")}; plot: {Path.Combine(results, "load.svg")}");
}

if (what is "import" or "all")
{
    await UsageImportAsync(what == "import" && args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
        what == "import" && args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000);
}

static async Task UsageImportAsync(int rows, int imports)
{
    Console.WriteLine($"Usage import at scale, {rows:N0} rows ({UsageImportBench.Workloads:N0} workloads × daily periods), the first and the {imports:N0}th import; load average (1 min) {UsageImportBench.Load()}");
    var figures = await UsageImportBench.RunAsync(rows, imports, Console.WriteLine);
    var peak = UsageImportBench.PeakWorkingSetMb();
    var table = new System.Text.StringBuilder();
    table.AppendLine("| phase | rows | seconds | rows/s | load avg (1 min) | notes |");
    table.AppendLine("|---|---:|---:|---:|---|---|");
    foreach (var f in figures)
    {
        table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {f.Name} | {f.Rows:N0} | {f.Seconds:0.00} | {f.RowsPerSecond:N0} | {f.Load} | {f.Notes} |"));
    }

    table.AppendLine();
    table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Peak working set of the whole bench process (client, in-process silo, SQLite page cache): {peak:N0} MB (target < 400 MB)."));
    Console.WriteLine();
    Console.Write(table);
    var results = Path.Combine(RepositoryRoot.Path, "bench", "results", "import-run.md");
    File.WriteAllText(results, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, `bench import {rows} {imports}`\n\n{table}");
    Console.WriteLine($"Written: {results}");
}

static async Task StorageWritesAsync(TimeSpan duration)
{
    var results = new List<BenchResult>();
    Console.WriteLine($"Grain-storage write throughput, {duration.TotalSeconds:0.#} s per case");
    using (var directory = new TempDirectory())
    {
        await using var sqlite = new SqliteTableStore(Options.Create(new SqliteTableStoreOptions { DatabasePath = Path.Combine(directory.Path, "bench.db") }), NullLogger<SqliteTableStore>.Instance);
        foreach (var grains in new[] { 1, 64 })
        {
            Console.Write($"  SQLite (WAL, synchronous=FULL), {grains} grain(s)... ");
            var result = await GrainStorageWriteBench.RunAsync("SQLite (embedded, fsync per commit)", sqlite, grains, duration);
            Console.WriteLine($"{result.WritesPerSecond:N0} writes/s");
            results.Add(result);
        }
    }

    await using (var azurite = await AzuriteInstance.StartAsync())
    {
        var azure = new AzureTableStore(Options.Create(new AzureStorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = "bench" }));
        foreach (var grains in new[] { 1, 64 })
        {
            Console.Write($"  Azure Table storage on Azurite, {grains} grain(s)... ");
            var result = await GrainStorageWriteBench.RunAsync("Azure Tables (Azurite, in-memory)", azure, grains, duration);
            Console.WriteLine($"{result.WritesPerSecond:N0} writes/s");
            results.Add(result);
        }
    }

    Console.WriteLine();
    Console.WriteLine("| backend | concurrent grains | writes | writes/s | p50 ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Backend} | {r.Grains} | {r.Writes:N0} | {r.WritesPerSecond:N0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} |"));
    }

    Console.WriteLine();
}

static async Task ShipmentListsAsync(int shipments)
{
    Console.WriteLine($"Shipment list paging (100 per page) over {shipments:N0} shipments, SQLite embedded store");
    using var directory = new TempDirectory();
    await using var sqlite = new SqliteTableStore(Options.Create(new SqliteTableStoreOptions { DatabasePath = Path.Combine(directory.Path, "lists.db") }), NullLogger<SqliteTableStore>.Instance);
    var started = System.Diagnostics.Stopwatch.StartNew();
    var results = await ShipmentListBench.RunAsync(sqlite, shipments, 200, done => Console.WriteLine($"  indexed {done:N0} / {shipments:N0} shipments ({started.Elapsed.TotalSeconds:0} s)"));
    Console.WriteLine();
    Console.WriteLine("| case | p50 ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|");
    foreach (var (name, p50, p99) in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {p50:0.00} | {p99:0.00} |"));
    }
}
