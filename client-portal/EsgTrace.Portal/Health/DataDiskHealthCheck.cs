using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EsgTrace.Portal.Health;

/// <summary>
/// Free space on the disk of the data directory (the embedded database and blobs, the data-protection keys): below
/// <see cref="HealthOptions.MinimumFreeDiskMegabytes"/> the portal is unhealthy, before a full disk fails writes.
/// </summary>
public sealed class DataDiskHealthCheck(IConfiguration configuration, IOptions<HealthOptions> options) : IHealthCheck
{
    public const string Name = "disk";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var directory = Extensions.OrleansHostingExtensions.DataDirectory(configuration);
        var existing = NearestExisting(directory);
        var drive = new DriveInfo(existing);
        var freeMegabytes = drive.AvailableFreeSpace / (1024 * 1024);
        var minimum = options.Value.MinimumFreeDiskMegabytes;
        var data = new Dictionary<string, object>
        {
            ["path"] = directory,
            ["freeMegabytes"] = freeMegabytes,
            ["totalMegabytes"] = drive.TotalSize / (1024 * 1024),
            ["minimumFreeMegabytes"] = minimum,
        };
        return Task.FromResult(freeMegabytes >= minimum
            ? HealthCheckResult.Healthy($"{freeMegabytes} MB free on the data disk ({minimum} MB required).", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"Only {freeMegabytes} MB free on the data disk; at least {minimum} MB are required ({HealthOptions.Section}:{nameof(HealthOptions.MinimumFreeDiskMegabytes)}).", data: data));
    }

    // Before the first write the data directory may not exist yet; its disk is then the one of its nearest existing parent.
    private static string NearestExisting(string directory)
    {
        var current = new DirectoryInfo(directory);
        while (!current.Exists && current.Parent is { } parent)
        {
            current = parent;
        }

        return current.FullName;
    }
}
