using EsgTrace.EventSourcing;

namespace EsgTrace.GreenIt;

/// <summary>Snapshot of a workload: its definition, one usage record per period and the batches already applied.</summary>
public sealed class WorkloadState : IEventSourcedState
{
    public long Version { get; set; }

    public WorkloadDefinition? Definition { get; set; }

    /// <summary>Usage keyed "start/end" (ISO dates): a later record for the same period replaces the earlier one.</summary>
    public Dictionary<string, UsageRow> Usage { get; set; } = [];

    public HashSet<string> AppliedBatches { get; set; } = [];

    public static string PeriodKey(UsageRow row) => $"{row.PeriodStart:yyyy-MM-dd}/{row.PeriodEnd:yyyy-MM-dd}";

    public static void Apply(WorkloadState s, WorkloadEvent e, long version)
    {
        switch (e)
        {
            case WorkloadDefined d:
                s.Definition = d.Definition;
                break;
            case UsageRecorded u:
                s.AppliedBatches.Add(u.BatchKey);
                foreach (var row in u.Rows)
                {
                    s.Usage[PeriodKey(row)] = row;
                }

                break;
        }
    }
}
