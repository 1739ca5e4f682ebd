namespace EsgTrace.Hosting.GreenIt;

/// <summary>The "Platform" settings: the silo records its own use as a green-IT workload (<see cref="PlatformFootprintSampler"/>).</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>Minutes between readings; 0 or less turns the sampler off.</summary>
    public double FootprintMinutes { get; set; } = 15;

    public string WorkloadId { get; set; } = EsgTrace.GreenIt.PlatformUsage.DefaultWorkloadId;

    public string Provider { get; set; } = "on-premises";

    public string Region { get; set; } = "DE";
}
