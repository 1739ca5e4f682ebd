using System.Diagnostics;
using EsgTrace.GreenIt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace EsgTrace.Hosting.GreenIt;

/// <summary>
/// Records this silo's own resource use as a workload ("Platform:WorkloadId", default esgtrace-platform) every
/// "Platform:FootprintMinutes" (default 15), so EsgTrace reports on itself. Where it runs is "Platform:Provider" and
/// "Platform:Region" (default on-premises, DE); give each silo of a cluster its own workload id.
/// </summary>
public sealed partial class PlatformFootprintSampler(IGrainFactory grains, Microsoft.Extensions.Options.IOptions<PlatformOptions> options, IConfiguration configuration, IClock clock, ILogger<PlatformFootprintSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var platform = options.Value;
        var minutes = platform.FootprintMinutes;
        if (minutes <= 0)
        {
            return;
        }

        var (id, provider, region) = (platform.WorkloadId, platform.Provider, platform.Region);
        var dataDirectory = EsgTraceStorageOptions.From(configuration).DataDirectory;
        var process = Process.GetCurrentProcess();
        var lastCpu = process.TotalProcessorTime;
        var lastWall = Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMinutes(Math.Min(1, minutes)); // a first reading soon after start, then every period
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromMinutes(minutes);
            try
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var wall = Stopwatch.GetElapsedTime(lastWall);
                lastWall = Stopwatch.GetTimestamp();
                var sample = new PlatformSample(wall, cpu - lastCpu, Environment.ProcessorCount, process.WorkingSet64, StoredBytes(dataDirectory));
                lastCpu = cpu;
                await RecordAsync(id, provider, region, sample);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSampleFailed(logger, ex);
            }
        }
    }

    private async Task RecordAsync(string id, string provider, string region, PlatformSample sample)
    {
        var workload = grains.GetGrain<IWorkloadGrain>(id);
        if (await workload.Get() is null)
        {
            var defined = await workload.Define(new WorkloadDefinition("EsgTrace platform (this silo)", "platform", provider, region, PlatformUsage.FunctionalUnit), "platform");
            if (!defined.IsOk)
            {
                LogMisconfigured(logger, defined.Problem!.Detail);
                return;
            }
        }

        var now = clock.GetCurrentInstant();
        var day = now.InUtc().Date;
        var today = (await workload.Data())?.Usage.FirstOrDefault(u => u.PeriodStart == day && u.PeriodEnd == day);
        var row = PlatformUsage.Add(today, id, day, provider, region, sample);
        await workload.RecordUsage($"platform#{now.ToUnixTimeTicks()}", [row], "platform");
    }

    private static long StoredBytes(string? directory)
        => directory is not null && Directory.Exists(directory)
            ? new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the platform's own footprint failed; the next sample tries again.")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The platform's own workload cannot be defined: {Reason}")]
    private static partial void LogMisconfigured(ILogger logger, string reason);
}
