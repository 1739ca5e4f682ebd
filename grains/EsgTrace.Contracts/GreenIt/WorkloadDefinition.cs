namespace EsgTrace.GreenIt;

/// <summary>
/// An application or service whose IT carbon is tracked. <see cref="Provider"/> and <see cref="Region"/> say where it runs
/// now (each usage record keeps where it ran then). <see cref="FunctionalUnit"/> names R of its SCI score ("1,000 requests",
/// "user"). <see cref="AllowedRegions"/> are where it could run, for carbon-aware advice; <see cref="FlexibleSharePercent"/>
/// is the share of its energy that could move in time (batch work). <see cref="MarketKgCo2ePerKwh"/> is a contractual
/// (market-based) factor shown beside the location-based figure, never instead of it. <see cref="Gpu"/> is the accelerator
/// card its GPU-hours run on.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.workload-definition")]
public sealed record WorkloadDefinition(
    string Name,
    string Owner,
    string Provider,
    string Region,
    string FunctionalUnit,
    IReadOnlyList<string>? AllowedRegions = null,
    decimal FlexibleSharePercent = 0,
    decimal? SitePue = null,
    HardwareShare? Hardware = null,
    decimal? MarketKgCo2ePerKwh = null,
    string? MarketSource = null,
    GpuCard? Gpu = null);

/// <summary>
/// The host hardware behind embodied emissions: its total embodied emissions (TE, kg CO2e, with their source) and the
/// vCPUs it offers (ToR). A usage record's vCPU-hours are RR × TR, so M = TE × vCPU-hours / (EL × ToR).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.hardware-share")]
public sealed record HardwareShare(decimal TotalEmbodiedKgCo2e, decimal HostVcpus, string Source, decimal ExpectedLifespanHours = CcfConstants.ServerLifespanHours);
