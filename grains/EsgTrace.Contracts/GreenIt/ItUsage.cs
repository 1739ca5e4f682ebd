namespace EsgTrace.GreenIt;

/// <summary>
/// A workload's usage in one period. Utilisation in percent (null: CCF's 50 % fallback). The replication factor applies
/// to compute, memory and storage, as in CCF. <see cref="MeasuredFacilityKwh"/> (on-premises meters, facility level,
/// PUE included) replaces the estimate when present. <see cref="GpuHours"/> are accelerator card-hours, with their own
/// utilisation (null: CCF's 50 % fallback), priced by the workload's <see cref="GpuCard"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.it-usage")]
public sealed record ItUsage(
    decimal VcpuHours,
    decimal? CpuUtilisationPercent,
    decimal MemoryGbHours,
    decimal SsdTbHours,
    decimal HddTbHours,
    decimal NetworkGb,
    int ReplicationFactor = 1,
    decimal? MeasuredFacilityKwh = null,
    decimal GpuHours = 0,
    decimal? GpuUtilisationPercent = null);

/// <summary>The hardware share behind embodied emissions, per the SCI formula M = TE × (TR / EL) × (RR / ToR).</summary>
[GenerateSerializer, Immutable, Alias("esg.embodied-input")]
public sealed record EmbodiedInput(decimal TotalEmbodiedKgCo2e, decimal ReservedHours, decimal ReservedVcpus, decimal TotalVcpus, decimal ExpectedLifespanHours = CcfConstants.ServerLifespanHours);
