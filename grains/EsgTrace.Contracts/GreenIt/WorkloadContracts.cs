using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>A workload as listed: where it runs, how many usage records were recorded for it (a later record for a period replaces an earlier one in the figures) and which days they cover.</summary>
[GenerateSerializer, Immutable, Alias("esg.workload-view")]
public sealed record WorkloadView(string Id, WorkloadDefinition Definition, int UsageRecords, LocalDate? FirstDay, LocalDate? LastDay, long Version);

public abstract record WorkloadEvent(Instant At, string Actor);

public sealed record WorkloadDefined(WorkloadDefinition Definition, Instant At, string Actor) : WorkloadEvent(At, Actor);

/// <summary>Usage records from one batch, carried in the event itself (before the usage log; read back as they were, never written now).</summary>
public sealed record UsageRecorded(string BatchKey, IReadOnlyList<UsageRow> Rows, Instant At, string Actor) : WorkloadEvent(At, Actor);

/// <summary>A batch of usage records written to the workload's usage log (table "usagelog"): the event names the batch and summarises it; the rows are in the log.</summary>
public sealed record UsageLogged(string BatchKey, UsageBatchSummary Summary, Instant At, string Actor) : WorkloadEvent(At, Actor);
