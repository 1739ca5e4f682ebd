using System.Diagnostics;
using EsgTrace.Hosting.Tables;
using EsgTrace.Storage;
using EsgTrace.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace EsgTrace.Bench;

/// <summary>
/// Grain-storage write throughput: N grains, each writing its own state one write at a time (as an Orleans grain does),
/// through the real <see cref="TableGrainStorage"/> and serializer, for a fixed time. Reports acknowledged writes per second.
/// </summary>
public static class GrainStorageWriteBench
{
    public static async Task<BenchResult> RunAsync(string backend, ITableStore store, int grains, TimeSpan duration)
    {
        var serializerOptions = new SystemTextJsonGrainStorageSerializerOptions();
        EsgJson.Configure(serializerOptions.JsonSerializerOptions);
        var storage = new TableGrainStorage("bench", new TableGrainStorageOptions(), store, new SystemTextJsonGrainStorageSerializer(Options.Create(serializerOptions)), NullLogger<TableGrainStorage>.Instance);
        var run = Guid.NewGuid().ToString("N")[..8];

        // Warm up: create every grain's row once, so the timed part measures updates (the common case) with ETag checks.
        var states = new GrainState<BenchState>[grains];
        for (var g = 0; g < grains; g++)
        {
            states[g] = new GrainState<BenchState>(new BenchState { Name = $"grain {g}", At = SystemClock.Instance.GetCurrentInstant() });
            await storage.WriteStateAsync("state", GrainId.Create("bench", $"{run}-{g}"), states[g]);
        }

        var stop = Stopwatch.StartNew();
        var latencies = new List<double>[grains];
        var workers = Enumerable.Range(0, grains).Select(async g =>
        {
            latencies[g] = [];
            var id = GrainId.Create("bench", $"{run}-{g}");
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                states[g].State!.Counter++;
                await storage.WriteStateAsync("state", id, states[g]);
                latencies[g].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToList();
        await Task.WhenAll(workers);
        var elapsed = stop.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new BenchResult(backend, grains, all.Length, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    public sealed class BenchState
    {
        public string Name { get; set; } = string.Empty;

        public Instant At { get; set; }

        public long Counter { get; set; }

        public List<string> Lots { get; set; } = Enumerable.Range(0, 20).Select(i => $"urn:epc:id:sgtin:4012345.011111.{i}").ToList();
    }
}

/// <summary>One row of the results table.</summary>
public sealed record BenchResult(string Backend, int Grains, int Writes, double WritesPerSecond, double P50Ms, double P99Ms);
