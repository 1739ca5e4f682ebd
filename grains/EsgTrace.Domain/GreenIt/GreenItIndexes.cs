namespace EsgTrace.GreenIt;

/// <summary>Index names for green-IT records (listed without loading their grains).</summary>
public static class GreenItIndexes
{
    public const string Workloads = "workloads";
    public const string Actions = "greenitactions";
    public const string Imports = "usageimports";
    public const string All = "all";

    /// <summary>Usage batches a workload has counted (partition = workload, key = batch key), so a batch counts once.</summary>
    public const string UsageBatches = "usagebatches";

    /// <summary>Imports accepted but not yet fully applied; the silo resumes them at start.</summary>
    public const string Pending = "pending";
}
