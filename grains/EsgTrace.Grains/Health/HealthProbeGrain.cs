using EsgTrace.Storage;
using Orleans.Concurrency;

namespace EsgTrace.Health;

/// <summary>Reads a row and checks a blob container: proof that the storage behind the silo answers.</summary>
[StatelessWorker]
public sealed class HealthProbeGrain(ITableStore tables, IBlobStore blobs) : Grain, IHealthProbeGrain
{
    public async Task<HealthProbeResult> Probe()
    {
        var checks = new Dictionary<string, string>();
        var healthy = true;
        try
        {
            await tables.GetAsync("health", "probe", "probe");
            checks["tables"] = "ok";
        }
        catch (Exception ex)
        {
            healthy = false;
            checks["tables"] = ex.GetType().Name + ": " + ex.Message;
        }

        try
        {
            await blobs.ExistsAsync("health", "probe");
            checks["blobs"] = "ok";
        }
        catch (Exception ex)
        {
            healthy = false;
            checks["blobs"] = ex.GetType().Name + ": " + ex.Message;
        }

        return new HealthProbeResult(healthy, RuntimeIdentity, checks);
    }
}
