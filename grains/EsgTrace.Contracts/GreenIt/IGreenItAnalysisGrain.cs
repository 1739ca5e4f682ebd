using EsgTrace.Domain;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>Reads workloads, actions and settings and runs the green-IT calculators (stateless).</summary>
[Alias("esg.IGreenItAnalysisGrain")]
public interface IGreenItAnalysisGrain : IGrainWithIntegerKey
{
    [Alias("Dashboard")]
    Task<Outcome<GreenItDashboard>> Dashboard(LocalDate from, LocalDate to, string? hourlyDataset, string? gridDataset = null);

    [Alias("Advice")]
    Task<Outcome<CarbonAdvice>> Advice(string workloadId, LocalDate from, LocalDate to, string? hourlyDataset);

    /// <summary>The signed report PDF for the period.</summary>
    [Alias("Report")]
    Task<Outcome<byte[]>> Report(LocalDate from, LocalDate to, string? hourlyDataset);

    /// <summary>Per-record emissions of one workload (every term's arithmetic), for lineage and audits.</summary>
    [Alias("WorkloadEmissions")]
    Task<Outcome<IReadOnlyList<UsageEmissions>>> WorkloadEmissions(string workloadId, string? gridDataset = null);
}
