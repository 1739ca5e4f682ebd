namespace EsgTrace.GreenIt;

/// <summary>
/// A workload's usage in one period. Utilisation in percent (null: CCF's 50 % fallback). The replication factor applies
/// to compute, memory and storage, as in CCF. <see cref="MeasuredFacilityKwh"/> (on-premises meters, facility level,
/// PUE included) replaces the estimate when present.
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
    decimal? MeasuredFacilityKwh = null);

/// <summary>The hardware share behind embodied emissions, per the SCI formula M = TE × (TR / EL) × (RR / ToR).</summary>
[GenerateSerializer, Immutable, Alias("esg.embodied-input")]
public sealed record EmbodiedInput(decimal TotalEmbodiedKgCo2e, decimal ReservedHours, decimal ReservedVcpus, decimal TotalVcpus, decimal ExpectedLifespanHours = CcfConstants.ServerLifespanHours);
