using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EsgTrace.Analysis;
using EsgTrace.Factors;
using EsgTrace.Testing;
using EsgTrace.Time;

namespace EsgTrace.Bench;

/// <summary>
/// Where a figures read's time goes, in process (no HTTP, no grains): one lot ships, then the footprint and the
/// traceability are recomputed from memory as the figures grain does, with the breakdowns and response serialisation the
/// API adds. Printed, not kept.
/// </summary>
public static class FootprintProfile
{
    public static void Run(IReadOnlyList<int> lotCounts, int samples)
    {
        foreach (var lots in lotCounts)
        {
            var chain = SyntheticSupplyChain.Create(lots);
            var steps = new Dictionary<string, List<double>>();
            void Time(string step, Action action)
            {
                var t = Stopwatch.GetTimestamp();
                action();
                (steps.TryGetValue(step, out var l) ? l : steps[step] = []).Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            var figures = new ProductFigures("p");
            for (var full = 0; full < 5; full++)
            {
                // What a structural change (a new batch, product or supplier) costs: a full calculation that keeps what updates need.
                figures = new ProductFigures("p");
                Time("footprint, full calculation", () => figures.Footprint(chain.Snapshot(), FactorCatalog.Starter));
                Time("traceability, full calculation", () => figures.Traceability(chain.Snapshot()));
            }

            var memo = new AnalysisMemo();
            for (var step = 0; step < 4; step++)
            {
                // The parts of a full footprint calculation with a warm memo.
                var data = chain.Snapshot();
                EsgTrace.Footprints.FootprintInputs? inputs = null;
                EsgTrace.Footprints.FootprintResult? result = null;
                Time("  part: inputs (transport, sources)", () => inputs = ProductAnalyzer.FootprintInputs(data, FactorCatalog.Starter, memo));
                Time("  part: terms", () => result = EsgTrace.Footprints.FootprintCalculator.Calculate("p", inputs!, EsgTrace.Footprints.FootprintCalculator.Version, memo.Terms));
                Time("  part: breakdowns grouped", () => EsgTrace.Footprints.FootprintBreakdowns.Of(result!.Contributions));
                Time("  part: result hash (Merkle)", () => EsgTrace.Lineage.ResultHash.MerkleOf(new { result!.TotalKgCo2e }, result.Contributions));
                Time("  part: lineage inputs (sort, Merkle)", () => LineageInputs.Of(data, memo.Hashes));
            }

            for (var again = 0; again < 5; again++)
            {
                // The reload a minute after loading (or after a batch change): what was computed is reused by object.
                figures.Reset();
                Time("footprint, full again (reused terms)", () => figures.Footprint(chain.Snapshot(), FactorCatalog.Starter));
                Time("traceability, full again (reused nodes)", () => figures.Traceability(chain.Snapshot()));
            }

            for (var s = 0; s < samples; s++)
            {
                var lot = $"L{s % lots}";
                chain.Ship(lot, TransportMode.Road, 0.1m);
                figures.LotsChanged([lot]);
                ProductFootprint? f = null;
                ProductTraceability? tr = null;
                Time("footprint", () => f = figures.Footprint(chain.Snapshot(), FactorCatalog.Starter));
                Time("footprint breakdowns", () => _ = (f!.Footprint!.ByStage, f.Footprint.ByMaterial, f.Footprint.BySupplier, f.Footprint.PrimaryDataShare));
                Time("footprint JSON (breakdowns, no terms)", () => JsonSerializer.SerializeToUtf8Bytes(new { f!.Footprint!.TotalKgCo2e, f.Footprint.ByStage, f.Footprint.ByMaterial, f.Footprint.BySupplier, f.Footprint.PrimaryDataShare, f.Lineage!.RootSha256 }, EsgJson.Options));
                Time("traceability", () => tr = figures.Traceability(chain.Snapshot()));
                Time("traceability JSON (no tree)", () => JsonSerializer.SerializeToUtf8Bytes(tr!.Result with { Tree = [] }, EsgJson.Options));
            }

            Console.WriteLine($"  {lots:N0} lots, {samples} samples, {figures.Updates} reads updated rather than recomputed (ms):");
            foreach (var (step, values) in steps)
            {
                var sorted = values.Order().ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {step,-40} p50 {sorted[sorted.Length / 2],8:0.000}  p99 {sorted[(int)(sorted.Length * 0.99)],8:0.000}"));
            }
        }
    }
}
