using System.Diagnostics;
using System.Text.Json;
using EsgTrace.Factors;
using EsgTrace.Hosting.Tables;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using EsgTrace.Time;
using NodaTime;

namespace EsgTrace.Bench;

/// <summary>
/// Shipment list paging at scale: fills the shipment index with N shipments the way ShipmentGrain does (partitions: all,
/// mode, lot) and times pages of 100: the first, one deep in the middle, the last, and filtered by mode and by lot.
/// </summary>
public static class ShipmentListBench
{
    public static async Task<IReadOnlyList<(string Case, double P50Ms, double P99Ms)>> RunAsync(ITableStore store, int shipments, int samples, Action<int> progress)
    {
        var index = new TableIndexStore(store);
        var start = Instant.FromUtc(2025, 1, 1, 0, 0);
        var modes = Enum.GetValues<TransportMode>();
        var keys = new string[shipments];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, shipments), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var departed = start.Plus(Duration.FromMinutes(7 * i)).WithOffset(Offset.FromHoursAndMinutes(5, 30));
            var lot = $"LOT-{i / 20:D6}";
            var input = new ShipmentInput([lot], "Mill", "Port", modes[i % 4], 100 + (i % 900), "km", 8, "t", departed, departed.Plus(Duration.FromHours(6)));
            var id = $"S-{i:D7}";
            var summary = ShipmentSummary.Of(id, input);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(summary, EsgJson.Options);
            keys[i] = ShipmentGrain.IndexKey(id, departed);
            foreach (var partition in ShipmentGrain.Partitions(input))
            {
                await index.PutAsync(SupplyChainIndexes.Shipments, partition, keys[i], bytes);
            }

            if (Interlocked.Increment(ref done) % 10_000 == 0)
            {
                progress(done);
            }
        });

        var cases = new (string Name, string Partition, string? After)[]
        {
            ("first page (all)", SupplyChainIndexes.All, null),
            ("page at 50% (all, after key)", SupplyChainIndexes.All, keys[shipments / 2]),
            ("last page (all)", SupplyChainIndexes.All, keys[shipments - 50]),
            ("filtered by mode (sea)", ShipmentGrain.ModePartition(TransportMode.Sea), null),
            ("filtered by lot", ShipmentGrain.LotPartition($"LOT-{shipments / 40:D6}"), null),
        };
        var results = new List<(string, double, double)>();
        foreach (var (name, partition, after) in cases)
        {
            var times = new double[samples];
            for (var s = 0; s < samples; s++)
            {
                var t = Stopwatch.GetTimestamp();
                var page = await index.ScanAsync(SupplyChainIndexes.Shipments, partition, after, null, 100);
                foreach (var entry in page.Entries)
                {
                    JsonSerializer.Deserialize<ShipmentSummary>(entry.Value.Span, EsgJson.Options);
                }

                times[s] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }

            Array.Sort(times);
            results.Add((name, times[samples / 2], times[(int)(samples * 0.99)]));
        }

        return results;
    }
}
