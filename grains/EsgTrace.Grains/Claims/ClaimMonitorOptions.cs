namespace EsgTrace.Claims;

/// <summary>The "Claims" configuration section: how often published claims are re-checked.</summary>
public sealed class ClaimMonitorOptions
{
    public const string Section = "Claims";

    /// <summary>Minutes between two re-checks of every published claim (a reminder period: at least the reminder service's minimum, 1 minute unless lowered).</summary>
    public double MonitorMinutes { get; set; } = 5;

    public TimeSpan Period => TimeSpan.FromMinutes(MonitorMinutes);
}
