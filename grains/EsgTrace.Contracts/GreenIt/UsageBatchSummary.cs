using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>What one batch (an import or an API call) wrote to a workload's usage log: how many records, which days, and where its first record ran.</summary>
[GenerateSerializer, Immutable, Alias("esg.usage-batch-summary")]
public sealed record UsageBatchSummary(int Rows, LocalDate FirstDay, LocalDate LastDay, string Provider, string Region);
