using System.Text.Json.Serialization;
using EsgTrace.EventSourcing;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// Snapshot of a workload: its definition and a summary of its usage (records recorded, first and last day). The records
/// themselves are in the usage log (<see cref="UsageLog"/>); only records written before it existed (events
/// <see cref="UsageRecorded"/>) are still held here, as <see cref="LegacyUsage"/>, and nothing is added to them.
/// </summary>
public sealed class WorkloadState : IEventSourcedState
{
    public long Version { get; set; }

    public WorkloadDefinition? Definition { get; set; }

    public long UsageRecords { get; set; }

    public LocalDate? FirstDay { get; set; }

    public LocalDate? LastDay { get; set; }

    /// <summary>Usage carried by events of the first format, keyed "start/end"; stored under its old name so old snapshots load.</summary>
    [JsonPropertyName("Usage")]
    public Dictionary<string, UsageRow> LegacyUsage { get; set; } = [];

    /// <summary>Batches of the first format already applied (old snapshots); new batches are marked in index "usagebatches".</summary>
    [JsonPropertyName("AppliedBatches")]
    public HashSet<string> LegacyBatches { get; set; } = [];

    public static string PeriodKey(UsageRow row) => $"{row.PeriodStart:yyyy-MM-dd}/{row.PeriodEnd:yyyy-MM-dd}";

    public static void Apply(WorkloadState s, WorkloadEvent e, long version)
    {
        switch (e)
        {
            case WorkloadDefined d:
                s.Definition = d.Definition;
                break;
            case UsageRecorded u:
                s.LegacyBatches.Add(u.BatchKey);
                foreach (var row in u.Rows)
                {
                    if (s.LegacyUsage.TryAdd(PeriodKey(row), row))
                    {
                        s.UsageRecords++;
                    }
                    else
                    {
                        s.LegacyUsage[PeriodKey(row)] = row;
                    }

                    s.Cover(row.PeriodStart, row.PeriodEnd);
                }

                break;
            case UsageLogged l:
                s.UsageRecords += l.Summary.Rows;
                s.Cover(l.Summary.FirstDay, l.Summary.LastDay);
                break;
        }
    }

    private void Cover(LocalDate first, LocalDate last)
    {
        FirstDay = FirstDay is { } f && f <= first ? f : first;
        LastDay = LastDay is { } l && l >= last ? l : last;
    }
}
