using System.Diagnostics;
using EsgTrace.Factors;
using EsgTrace.Hosting.Tables;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.Bench;

/// <summary>
/// Shipment list paging at scale: fills the shipment index with N shipments the way ShipmentGrain does (one row in its mode's
/// partition) and times pages of 100: the first, one deep in the middle, the last (all: the mode partitions merged), and
/// filtered by mode. The lot filter reads the lot grain's ledger, so it needs a cluster and is not timed here.
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
            keys[i] = ShipmentList.Key(id, departed);
            await store.WriteAtomicAsync([ShipmentList.PutWrite(index, id, input, 1)]);

            if (Interlocked.Increment(ref done) % 10_000 == 0)
            {
                progress(done);
            }
        });

        var cases = new (string Name, string Partition, string? After)[]
        {
            ("first page (all)", SupplyChainLists.All, null),
            ("page at 50% (all, after key)", SupplyChainLists.All, keys[shipments / 2]),
            ("last page (all)", SupplyChainLists.All, keys[shipments - 50]),
            ("filtered by mode (sea)", SupplyChainLists.ModePartition(TransportMode.Sea), null),
        };
        var results = new List<(string, double, double)>();
        foreach (var (name, partition, after) in cases)
        {
            var times = new double[samples];
            for (var s = 0; s < samples; s++)
            {
                var t = Stopwatch.GetTimestamp();
                var page = partition == SupplyChainLists.All
                    ? await ShipmentList.AllAsync(index, after, 100)
                    : await ShipmentList.OfModeAsync(index, partition, after, 100);
                if (page.Items.Count == 0)
                {
                    throw new InvalidOperationException($"The page '{name}' is empty.");
                }

                times[s] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }

            Array.Sort(times);
            results.Add((name, times[samples / 2], times[(int)(samples * 0.99)]));
        }

        return results;
    }
}
