using System.Globalization;
using EsgTrace.Bench;
using EsgTrace.Hosting.Azure;
using EsgTrace.Hosting.Sqlite;
using EsgTrace.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Usage: dotnet run -c Release --project bench/EsgTrace.Bench [seconds-per-case]
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var duration = TimeSpan.FromSeconds(seconds);
var results = new List<BenchResult>();

Console.WriteLine($"Grain-storage write throughput, {seconds:0.#} s per case, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

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
