using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>What a silo process used between two samples: wall time, CPU time, memory and stored bytes.</summary>
public sealed record PlatformSample(TimeSpan Wall, TimeSpan Cpu, int Cores, long WorkingSetBytes, long StoredBytes);

/// <summary>
/// Turns samples of the platform's own process into usage records: one record per day, each sample added to the day so
/// far. vCPU-hours are wall hours × cores (what the host reserves); utilisation is CPU time over that; memory and storage
/// are GB- and TB-hours of the working set and the data folder; the functional unit is an hour of service.
/// </summary>
public static class PlatformUsage
{
    public const string DefaultWorkloadId = "esgtrace-platform";
    public const string FunctionalUnit = "hour of service";

    public static UsageRow Add(UsageRow? today, string workloadId, LocalDate day, string provider, string region, PlatformSample sample)
    {
        var hours = (decimal)sample.Wall.TotalHours;
        var vcpuHours = hours * sample.Cores;
        var cpuHours = (decimal)sample.Cpu.TotalHours;
        var memory = sample.WorkingSetBytes / 1_000_000_000m * hours;
        var storage = sample.StoredBytes / 1_000_000_000_000m * hours;
        if (today is null || today.PeriodStart != day)
        {
            var utilisation = vcpuHours == 0 ? 0 : Math.Clamp(cpuHours / vcpuHours * 100, 0, 100);
            return new UsageRow(workloadId, day, day, provider, region, new ItUsage(vcpuHours, utilisation, memory, storage, 0, 0), hours);
        }

        var u = today.Usage;
        var totalVcpu = u.VcpuHours + vcpuHours;
        var usedBefore = u.VcpuHours * (u.CpuUtilisationPercent ?? 0) / 100;
        var combined = totalVcpu == 0 ? 0 : Math.Clamp((usedBefore + cpuHours) / totalVcpu * 100, 0, 100);
        return today with
        {
            Usage = u with { VcpuHours = totalVcpu, CpuUtilisationPercent = combined, MemoryGbHours = u.MemoryGbHours + memory, SsdTbHours = u.SsdTbHours + storage },
            FunctionalUnits = (today.FunctionalUnits ?? 0) + hours,
        };
    }
}
