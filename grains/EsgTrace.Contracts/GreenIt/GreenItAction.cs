using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>The kinds of green-IT action the platform tracks.</summary>
public enum GreenItActionKind
{
    Rightsizing,
    RegionMove,
    SchedulingShift,
    Decommissioning,
    HardwareRefresh,
}

/// <summary>
/// A green-IT action: what was done, from which day (inclusive) and to which workloads. <see cref="EstimatedReductionPercent"/>
/// is the owner's estimate, used until enough after-data exists to measure the saving. <see cref="Cost"/> is what it cost
/// and saves in money (payback: <see cref="ActionPaybackCalculator"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.green-it-action")]
public sealed record GreenItAction(string Title, GreenItActionKind Kind, LocalDate EffectiveFrom, IReadOnlyList<string> WorkloadIds, decimal? EstimatedReductionPercent = null, string? Notes = null, ActionCost? Cost = null);

/// <summary>A target such as −30 % IT emissions (location-based) by the end of <see cref="TargetYear"/> against <see cref="BaselineYear"/>.</summary>
[GenerateSerializer, Immutable, Alias("esg.green-it-target")]
public sealed record GreenItTarget(int BaselineYear, int TargetYear, decimal ReductionPercent, string Title);
