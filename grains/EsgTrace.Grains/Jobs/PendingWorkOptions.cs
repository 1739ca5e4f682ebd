namespace EsgTrace.Jobs;

/// <summary>The "Jobs" configuration section: how often pending background work is looked for.</summary>
public sealed class PendingWorkOptions
{
    public const string Section = "Jobs";

    /// <summary>Minutes between two scans of pending captures and imports (a reminder period: at least the reminder service's minimum).</summary>
    public double ResumeMinutes { get; set; } = 1;

    public TimeSpan Period => TimeSpan.FromMinutes(ResumeMinutes);
}
