using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>A workload as listed: where it runs and how many usage records it holds.</summary>
[GenerateSerializer, Immutable, Alias("esg.workload-view")]
public sealed record WorkloadView(string Id, WorkloadDefinition Definition, int UsageRecords, LocalDate? FirstDay, LocalDate? LastDay, long Version);

public abstract record WorkloadEvent(Instant At, string Actor);

public sealed record WorkloadDefined(WorkloadDefinition Definition, Instant At, string Actor) : WorkloadEvent(At, Actor);

/// <summary>Usage records from one batch (an import chunk or an API call); a record for a period already held replaces it.</summary>
public sealed record UsageRecorded(string BatchKey, IReadOnlyList<UsageRow> Rows, Instant At, string Actor) : WorkloadEvent(At, Actor);
