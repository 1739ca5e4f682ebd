using EsgTrace.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EsgTrace.Portal.Health;

/// <summary>
/// A storage round trip through a silo (<see cref="IHealthProbeGrain"/>: a row written and read back, the blob store
/// asked), so it works the same when the portal is only an Orleans client and never touches storage itself.
/// </summary>
public sealed class StorageHealthCheck(IGrainFactory grains, IOptions<HealthOptions> options) : IHealthCheck
{
    public const string Name = "storage";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await grains.GetGrain<IHealthProbeGrain>(0).Probe().WaitAsync(TimeSpan.FromSeconds(options.Value.ProbeTimeoutSeconds), cancellationToken);
            var data = result.Checks.ToDictionary(c => c.Key, c => (object)c.Value);
            data["silo"] = result.SiloAddress;
            return result.Healthy
                ? HealthCheckResult.Healthy($"Silo {result.SiloAddress} wrote and read back a row and reached the blob store.", data)
                : new HealthCheckResult(context.Registration.FailureStatus, $"Silo {result.SiloAddress} could not use its storage.", data: data);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or SiloUnavailableException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "No silo answered the storage probe: " + ex.Message);
        }
    }
}
