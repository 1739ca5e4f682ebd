namespace EsgTrace.Portal.Health;

/// <summary>Thresholds of the health checks ("Health" section).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Below this much free space on the data directory's disk the portal reports itself unhealthy.</summary>
    public long MinimumFreeDiskMegabytes { get; set; } = 1024;

    /// <summary>How long the storage probe may take before it counts as failed.</summary>
    public int ProbeTimeoutSeconds { get; set; } = 10;
}
