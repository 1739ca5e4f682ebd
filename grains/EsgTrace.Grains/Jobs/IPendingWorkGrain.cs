namespace EsgTrace.Jobs;

/// <summary>
/// Resumes accepted but unfinished background work (EPCIS capture jobs, usage imports) on a reminder, so work whose silo
/// died is taken over by a surviving silo within one period.
/// </summary>
[Alias("esg.IPendingWorkGrain")]
public interface IPendingWorkGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent, at every silo start-up) and resumes what is pending now.</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>Hands every pending capture job and usage import back to its grain; returns how many were pending.</summary>
    [Alias("ResumeAll")]
    Task<int> ResumeAll();
}
