namespace EsgTrace.Claims;

/// <summary>Re-checks every published claim on a schedule, so a claim that data breaks turns at-risk without waiting for a reader.</summary>
[Alias("esg.IClaimMonitorGrain")]
public interface IClaimMonitorGrain : IGrainWithIntegerKey
{
    /// <summary>Starts the schedule (idempotent; called at silo start-up).</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>Re-checks all published and at-risk claims now; returns how many changed status.</summary>
    [Alias("CheckAll")]
    Task<int> CheckAll();
}
