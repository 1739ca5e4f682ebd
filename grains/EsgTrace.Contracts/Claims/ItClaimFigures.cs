using NodaTime;

namespace EsgTrace.Claims;

/// <summary>
/// The green-IT figures an IT claim is checked against: location-based emissions (operational + embodied, kg CO2e),
/// energy (kWh) and functional units served over the current period (the twelve months ending on the latest usage day of
/// the claim's workloads), the same for the baseline period of a reduction claim, and each workload's part. Records that a
/// period cuts count with the share of their days inside it.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.it-claim-figures")]
public sealed record ItClaimFigures(
    IReadOnlyList<string> WorkloadIds,
    string FunctionalUnit,
    LocalDate From,
    LocalDate To,
    decimal KgCo2e,
    decimal EnergyKwh,
    decimal FunctionalUnits,
    int Records,
    LocalDate? BaselineFrom,
    LocalDate? BaselineTo,
    decimal? BaselineKgCo2e,
    decimal? BaselineFunctionalUnits,
    decimal? BaselineKgPerUnit,
    int BaselineRecords,
    IReadOnlyList<ItWorkloadFigure> ByWorkload,
    IReadOnlyList<string> GridSources);

/// <summary>One workload's part of an IT claim's current period: kg CO2e and functional units.</summary>
[GenerateSerializer, Immutable, Alias("esg.it-workload-figure")]
public sealed record ItWorkloadFigure(string WorkloadId, string Name, decimal KgCo2e, decimal EnergyKwh, decimal FunctionalUnits);
