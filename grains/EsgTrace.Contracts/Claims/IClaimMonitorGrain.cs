namespace EsgTrace.Claims;

/// <summary>Re-checks every published claim on a schedule, so a claim that data breaks turns at-risk without waiting for a reader.</summary>
[Alias("esg.IClaimMonitorGrain")]
public interface IClaimMonitorGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or updates the period of) the monitor's reminder; idempotent, called at every silo start-up.</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>Re-checks all published and at-risk claims now; returns how many changed status.</summary>
    [Alias("CheckAll")]
    Task<int> CheckAll();
}
