namespace EsgTrace.GreenIt;

/// <summary>
/// The accelerator card a workload runs on: its power range per card (watts at idle and at full load, from the maker's
/// sheet or a measurement, with the source) and its embodied emissions per card (kg CO2e over its expected lifespan).
/// A usage record's GPU-hours are card-hours: one card for one hour.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.gpu-card")]
public sealed record GpuCard(string Model, decimal MinWatts, decimal MaxWatts, decimal EmbodiedKgCo2e, string Source, decimal ExpectedLifespanHours = CcfConstants.ServerLifespanHours)
{
    /// <summary>Why the card cannot be used, or null when it is consistent.</summary>
    public string? Problem()
        => string.IsNullOrWhiteSpace(Model) ? "The GPU card needs a model name."
            : MinWatts < 0 || MaxWatts < MinWatts || MaxWatts > 5000 ? "The GPU card's watts run from min ≥ 0 to max ≥ min (at most 5000 W per card)."
            : EmbodiedKgCo2e < 0 ? "The GPU card's embodied emissions cannot be negative."
            : ExpectedLifespanHours <= 0 ? "The GPU card's expected lifespan must be more than zero hours."
            : string.IsNullOrWhiteSpace(Source) ? "The GPU card's figures need a source (maker's data sheet, measurement, LCA)."
            : null;
}
