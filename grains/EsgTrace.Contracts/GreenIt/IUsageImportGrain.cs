namespace EsgTrace.GreenIt;

/// <summary>
/// One usage import, keyed by the SHA-256 of the file (the same file sent twice is one import). All or nothing: the whole
/// file is checked first; a file with any bad row is rejected with every error and writes no usage. An accepted file is
/// applied in the background and resumed after a crash.
/// </summary>
[Alias("esg.IUsageImportGrain")]
public interface IUsageImportGrain : IGrainWithStringKey
{
    /// <summary>Checks the staged file (blob "usageimports/{name}") and, when every row is good, starts applying it; returns once the decision is durable.</summary>
    [Alias("Start")]
    Task<UsageImportStatus> Start(string blobName, string actor);

    /// <summary>The same for a FOCUS billing export (blob "usageimports/{name}"), mapped to workloads by <paramref name="rules"/> (kept with the import).</summary>
    [Alias("StartBilling")]
    Task<UsageImportStatus> StartBilling(string blobName, BillingRuleSet rules, string actor);

    [Alias("Status")]
    Task<UsageImportStatus?> Status();

    /// <summary>Continues an accepted import that a crash interrupted (batches already applied are skipped by the workloads).</summary>
    [Alias("Resume")]
    Task Resume();
}
