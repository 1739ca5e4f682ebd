using EsgTrace.Storage;
using Orleans.Concurrency;

namespace EsgTrace.Health;

/// <summary>Writes and reads back a row, and asks the blob store: proof that the storage behind the silo answers.</summary>
[StatelessWorker]
public sealed class HealthProbeGrain(ITableStore tables, IBlobStore blobs) : Grain, IHealthProbeGrain
{
    public async Task<HealthProbeResult> Probe()
    {
        var checks = new Dictionary<string, string>();
        var healthy = true;
        try
        {
            // A round trip: a durable write of this silo's probe row, read back. A store that reads but cannot write
            // (a full disk, a read-only account) fails here.
            var nonce = Guid.NewGuid().ToByteArray();
            await tables.UpsertAsync("health", new TableRow("probe", RuntimeIdentity, nonce));
            var read = await tables.GetAsync("health", "probe", RuntimeIdentity);
            if (read is null || !read.Data.Span.SequenceEqual(nonce))
            {
                throw new InvalidOperationException("The probe row read back differs from the row written.");
            }

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
