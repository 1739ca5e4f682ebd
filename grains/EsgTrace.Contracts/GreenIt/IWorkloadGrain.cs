using EsgTrace.Domain;

namespace EsgTrace.GreenIt;

/// <summary>An IT workload (application or service) with its usage records per period.</summary>
[Alias("esg.IWorkloadGrain")]
public interface IWorkloadGrain : IGrainWithStringKey
{
    /// <summary>Defines the workload or changes its definition (each change is kept in its history).</summary>
    [Alias("Define")]
    Task<Outcome<WorkloadView>> Define(WorkloadDefinition definition, string actor);

    /// <summary>
    /// Records validated usage rows as one batch; the same batch key again is a no-op, so an interrupted import can be
    /// re-applied. A workload first seen in usage is defined from its first row (name = id, functional unit unstated).
    /// </summary>
    [Alias("RecordUsage")]
    Task<WorkloadView> RecordUsage(string batchKey, IReadOnlyList<UsageRow> rows, string actor);

    /// <summary>
    /// Takes note of usage an import already wrote to the workload's usage log (the rows never pass through the grain): the
    /// same batch key again is a no-op. A workload first seen in usage is defined from the summary (name = id, functional unit unstated).
    /// </summary>
    [Alias("RecordLogged")]
    Task<WorkloadView> RecordLogged(string batchKey, UsageBatchSummary summary, string actor);

    [Alias("Get")]
    Task<WorkloadView?> Get();

    /// <summary>The definition and every usage record, for the calculators.</summary>
    [Alias("Data")]
    Task<WorkloadData?> Data();
}
