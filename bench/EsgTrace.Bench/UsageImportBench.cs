using System.Diagnostics;
using System.Globalization;
using System.Text;
using EsgTrace.GreenIt;
using EsgTrace.Storage;
using EsgTrace.Testing;
using NodaTime;
using Orleans.TestingHost;

namespace EsgTrace.Bench;

/// <summary>
/// Usage import at scale (issue 18 item 8): a generated usage CSV of N rows (1,000 workloads × daily periods, ordered by
/// day as billing exports are), written to a file and never held whole. Same-run baseline: the check pass alone over the
/// same file (parse + validate, what every import does first). Then, on one in-process cluster on the embedded SQLite
/// store: import 1 (N rows, end to end: upload in 1 MiB chunks → check in the grain → usage log → workload summaries, with
/// progress), many small imports (history: log rows, workload events, audit records, batch markers), and the last import
/// (N rows of new periods), so the first and the last are compared on the same store. Peak working set is the process's
/// VmHWM (the bench, the silo and its SQLite page cache together).
/// </summary>
public static class UsageImportBench
{
    public const int Workloads = 1_000;

    public sealed record Figure(string Name, long Rows, double Seconds, string Load, string Notes)
    {
        public double RowsPerSecond => Rows / Seconds;
    }

    public static async Task<IReadOnlyList<Figure>> RunAsync(int rows, int imports, Action<string> print)
    {
        using var directory = new TempDirectory();
        var first = Path.Combine(directory.Path, "usage-first.csv");
        var last = Path.Combine(directory.Path, "usage-last.csv");
        Generate(first, rows, new LocalDate(2024, 1, 1));
        Generate(last, rows, new LocalDate(2031, 1, 1));
        print($"  generated {new FileInfo(first).Length / 1_000_000.0:0.0} MB × 2 (files on disk; the bench never holds them)");
        var figures = new List<Figure>();

        // Warm-up and baseline: the check pass alone, three times (the tiered JIT promotes the parser on the first).
        Check(first);
        var baseline = Check(first);
        figures.Add(baseline with { Name = "baseline: check pass alone (parse + validate, streaming from the file)" });
        print($"  baseline check pass: {baseline.RowsPerSecond:N0} rows/s");

        var data = Path.Combine(directory.Path, "platform");
        await using var cluster = await TestClusters.StartAsync(TestClusters.Embedded(data), SystemClock.Instance);
        var grains = cluster.Client;
        figures.Add(await ImportAsync(grains, first, "import 1 (end to end)", print));

        var small = Path.Combine(directory.Path, "usage-small.csv");
        var clock = Stopwatch.StartNew();
        for (var i = 2; i < imports; i++)
        {
            GenerateSmall(small, i);
            var (status, _, _, _) = await ImportFileAsync(grains, small, _ => { });
            if (status.Phase != UsageImportPhase.Applied)
            {
                throw new InvalidOperationException($"Small import {i} ended {status.Phase}.");
            }

            if (i % 100 == 0)
            {
                print($"    {i:N0} imports done ({clock.Elapsed.TotalSeconds:0} s), working set {Environment.WorkingSet / 1_000_000:N0} MB, load {Load()}");
            }
        }

        figures.Add(new Figure($"imports 2 to {imports - 1:N0} (100 workloads × 10 days each, in between)", (imports - 2) * 1000L, clock.Elapsed.TotalSeconds, Load(), "history for the last import to run on"));
        figures.Add(await ImportAsync(grains, last, $"import {imports:N0} (end to end, after {imports - 1:N0} imports)", print));
        Check(first);
        var after = Check(first);
        figures.Add(after with { Name = "baseline again after the imports: check pass alone" });

        // wl-0007 got 2 × rows / 1,000 daily rows from the two large imports and 10 from every small import n with n % 10 == 0.
        var expected = (2L * rows / Workloads) + (10L * Enumerable.Range(2, imports - 2).Count(n => n % 10 == 0));
        var sample = await grains.GetGrain<IWorkloadGrain>("wl-0007").Get();
        var data7 = await grains.GetGrain<IWorkloadGrain>("wl-0007").Data();
        print($"  wl-0007: {sample?.UsageRecords:N0} records recorded, {data7?.Usage.Count:N0} read back from the usage log (expected {expected:N0})");
        if (sample?.UsageRecords != expected || data7?.Usage.Count != expected)
        {
            throw new InvalidOperationException("wl-0007 does not hold the rows imported.");
        }

        return figures;
    }

    private static async Task<Figure> ImportAsync(IClusterClient grains, string path, string name, Action<string> print)
    {
        var load = Load();
        var clock = Stopwatch.StartNew();
        var (status, uploaded, accepted, applied) = await ImportFileAsync(grains, path, status => print($"    {name}: {status.AppliedRows:N0} / {status.UsageRows:N0} rows applied ({status.ProgressPercent} %), {clock.Elapsed.TotalSeconds:0.0} s, working set {Environment.WorkingSet / 1_000_000:N0} MB"));
        clock.Stop();
        if (status.Phase != UsageImportPhase.Applied || status.AppliedRows != status.Rows)
        {
            throw new InvalidOperationException($"{name} ended {status.Phase} with {status.AppliedRows} of {status.Rows} rows.");
        }

        return new Figure(name, status.Rows, clock.Elapsed.TotalSeconds, $"{load} → {Load()}",
            string.Create(CultureInfo.InvariantCulture, $"{status.Workloads:N0} workloads; uploaded at {uploaded:0.0} s, checked and accepted at {accepted:0.0} s, rows in the log at {applied:0.0} s, workloads told by {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>Uploads the file in 1 MiB chunks (as the API does), starts its import and polls it every half second.</summary>
    public static async Task<(UsageImportStatus Status, double Uploaded, double Accepted, double Applied)> ImportFileAsync(IClusterClient grains, string path, Action<UsageImportStatus> progress)
    {
        var clock = Stopwatch.StartNew();
        var applied = 0.0;
        var uploadId = Guid.NewGuid().ToString("N");
        var upload = grains.GetGrain<IBlobUploadGrain>(uploadId);
        await upload.Begin(UsageImportFiles.Container, "uploads/" + uploadId, "text/csv");
        await using (var file = File.OpenRead(path))
        {
            var buffer = new byte[IBlobUploadGrain.MaxChunkBytes];
            int read;
            while ((read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
            {
                await upload.Append(buffer.AsSpan(0, read).ToArray());
            }
        }

        var staged = await upload.Complete();
        var uploaded = clock.Elapsed.TotalSeconds;
        var import = grains.GetGrain<IUsageImportGrain>(staged.Sha256);
        var status = await import.Start(staged.Name, "bench");
        var accepted = clock.Elapsed.TotalSeconds;
        var poll = Stopwatch.StartNew();
        while (status.Phase == UsageImportPhase.Applying)
        {
            await Task.Delay(20);
            status = await import.Status() ?? status;
            if (applied == 0 && status.AppliedRows == status.Rows)
            {
                applied = clock.Elapsed.TotalSeconds;
            }

            if (poll.ElapsedMilliseconds >= 500)
            {
                progress(status);
                poll.Restart();
            }
        }

        progress(status);
        return (status, uploaded, accepted, applied == 0 ? clock.Elapsed.TotalSeconds : applied);
    }

    private static Figure Check(string path)
    {
        var load = Load();
        var clock = Stopwatch.StartNew();
        using var file = File.OpenRead(path);
        var check = UsageImportChecker.Check(file);
        clock.Stop();
        if (!check.IsValid)
        {
            throw new InvalidOperationException($"The generated file has errors: {check.Errors.FirstOrDefault()}");
        }

        return new Figure("check", check.Rows, clock.Elapsed.TotalSeconds, $"{load} → {Load()}", "nothing retained");
    }

    /// <summary>N usage rows: 1,000 workloads × daily periods from <paramref name="day0"/>, four providers' regions.</summary>
    public static void Generate(string path, int rows, LocalDate day0)
    {
        var regions = new[] { ("aws", "eu-central-1"), ("gcp", "europe-west1"), ("azure", "westeurope"), ("on-premises", "DE") };
        using var csv = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        csv.Write("workload_id,period_start,period_end,provider,region,vcpu_hours,cpu_utilisation_percent,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,replication_factor,measured_kwh,functional_units\n");
        for (var i = 0; i < rows; i++)
        {
            var w = i % Workloads;
            var day = day0.PlusDays(i / Workloads).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var (provider, region) = regions[w % regions.Length];
            csv.Write(string.Create(CultureInfo.InvariantCulture, $"wl-{w:D4},{day},{day},{provider},{region},{24 * (1 + (w % 8))},{10 + (i % 80)},{96 + (w % 64)},0.{w % 10},0,{i % 500},{1 + (w % 3)},,{1000 + (i % 997)}\n"));
        }
    }

    /// <summary>Import <paramref name="n"/> of the history: 100 workloads (a tenth of them, in turn) × 10 days of its own.</summary>
    private static void GenerateSmall(string path, int n)
    {
        using var csv = new StreamWriter(path, false, new UTF8Encoding(false));
        csv.Write("workload_id,period_start,period_end,provider,region,vcpu_hours,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb\n");
        var day0 = new LocalDate(1950, 1, 1).PlusDays(n * 10); // 1950-1977: no overlap with the large imports (2024-2026, 2031-2033)
        for (var d = 0; d < 10; d++)
        {
            var day = day0.PlusDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var k = 0; k < 100; k++)
            {
                var w = ((n % 10) * 100) + k;
                csv.Write(string.Create(CultureInfo.InvariantCulture, $"wl-{w:D4},{day},{day},aws,eu-central-1,{24 + k},96,0.1,0,{n % 50}\n"));
            }
        }
    }

    /// <summary>The 1-minute load average (shared machine: every figure carries it).</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>Peak resident memory of this process (VmHWM on Linux).</summary>
    public static long PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1_000_000;
    }
}
