using System.Diagnostics;
using System.Globalization;
using System.Text;
using EsgTrace.GreenIt;
using EsgTrace.SupplyChain;
using EsgTrace.Testing;
using NodaTime;

namespace EsgTrace.Bench;

/// <summary>
/// Usage import at scale: a generated CSV of N rows (1,000 workloads × daily periods, ordered by day as billing exports
/// are), first checked alone (the all-or-nothing pass), then imported end to end through the import grain into an
/// in-process cluster on the embedded SQLite store, with progress printed while it runs. Reports rows/s and memory.
/// </summary>
public static class UsageImportBench
{
    public const int Workloads = 1_000;

    public static byte[] Generate(int rows)
    {
        var regions = new[] { ("aws", "eu-central-1"), ("gcp", "europe-west1"), ("azure", "westeurope"), ("on-premises", "DE") };
        var csv = new StringBuilder(rows * 80);
        csv.Append("workload_id,period_start,period_end,provider,region,vcpu_hours,cpu_utilisation_percent,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,replication_factor,measured_kwh,functional_units\n");
        var day0 = new LocalDate(2024, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var w = i % Workloads;
            var day = day0.PlusDays(i / Workloads).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var (provider, region) = regions[w % regions.Length];
            csv.Append(CultureInfo.InvariantCulture, $"wl-{w:D4},{day},{day},{provider},{region},{24 * (1 + (w % 8))},{10 + (i % 80)},{96 + (w % 64)},0.{w % 10},0,{i % 500},{1 + (w % 3)},,{1000 + (i % 997)}\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static (double RowsPerSecond, long Rows, double Seconds, long AllocatedMb) Check(byte[] csv)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var check = UsageImportChecker.Check(new MemoryStream(csv, writable: false), rows => Console.WriteLine($"    checked {rows:N0} rows ({clock.Elapsed.TotalSeconds:0.0} s)"));
        clock.Stop();
        if (!check.IsValid)
        {
            throw new InvalidOperationException($"The generated file has errors: {check.Errors.FirstOrDefault()}");
        }

        return (check.Rows / clock.Elapsed.TotalSeconds, check.Rows, clock.Elapsed.TotalSeconds, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1_000_000);
    }

    public static async Task<(double RowsPerSecond, double Seconds, UsageImportStatus Status)> ImportAsync(byte[] csv)
    {
        using var directory = new TempDirectory();
        var cluster = await TestClusters.StartAsync(TestClusters.Embedded(directory.Path), SystemClock.Instance);
        try
        {
            var grains = cluster.Client;
            var clock = Stopwatch.StartNew();
            var staged = await grains.GetGrain<IDocumentStoreGrain>(0).Store(UsageImportGrain.Container, "csv", csv, "text/csv");
            Console.WriteLine($"    staged {csv.Length / 1_000_000.0:0.0} MB ({clock.Elapsed.TotalSeconds:0.0} s)");
            var import = grains.GetGrain<IUsageImportGrain>(staged.Sha256);
            var status = await import.Start(staged.Name, "bench");
            Console.WriteLine($"    checked in the grain and accepted: {status.Rows:N0} rows, {status.Workloads:N0} workloads ({clock.Elapsed.TotalSeconds:0.0} s)");
            while (status.Phase == UsageImportPhase.Applying)
            {
                await Task.Delay(1000);
                status = await import.Status() ?? status;
                Console.WriteLine($"    applying: {status.AppliedRows:N0} / {status.Rows:N0} rows ({status.ProgressPercent} %), {clock.Elapsed.TotalSeconds:0} s, working set {Environment.WorkingSet / 1_000_000:N0} MB");
            }

            clock.Stop();
            var sample = await grains.GetGrain<IWorkloadGrain>("wl-0007").Get();
            if (status.Phase != UsageImportPhase.Applied || sample?.UsageRecords != status.Rows / Workloads)
            {
                throw new InvalidOperationException($"Import ended {status.Phase} with {sample?.UsageRecords} records for wl-0007.");
            }

            return (status.Rows / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds, status);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Peak resident memory of this process (VmHWM on Linux).</summary>
    public static long PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1_000_000;
    }
}
