namespace EsgTrace.Health;

/// <summary>Answers from inside the cluster whether the silo and its storage work.</summary>
[Alias("esg.IHealthProbeGrain")]
public interface IHealthProbeGrain : IGrainWithIntegerKey
{
    [Alias("Probe")]
    Task<HealthProbeResult> Probe();
}

/// <summary>The probe's findings: one line per part checked.</summary>
[GenerateSerializer, Immutable, Alias("esg.health-probe-result")]
public sealed record HealthProbeResult(bool Healthy, string SiloAddress, IReadOnlyDictionary<string, string> Checks);
