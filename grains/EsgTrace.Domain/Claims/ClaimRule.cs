namespace EsgTrace.Claims;

/// <summary>
/// What a claim asserts, in numbers: the type, the threshold (kg CO2e for <see cref="ClaimType.FootprintAtMost"/>, a
/// percentage otherwise) and, for reductions, the baseline figures it compares with.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.claim-rule")]
public sealed record ClaimRule(ClaimType Type, decimal Threshold, ClaimFigures? Baseline = null)
{
    /// <summary>The rule a draft states; a baseline without a named dataset or calculator is taken as the starter set's.</summary>
    public static ClaimRule Of(ClaimDraft d) => new(d.Type, d.Threshold, d.BaselineKgCo2e is { } b
        ? new ClaimFigures(b, null, 0, 0, 0, d.BaselineDataset ?? Factors.FactorCatalog.Starter.Dataset.Ref.ToString(), d.BaselineCalculator ?? Footprints.FootprintCalculator.Version, string.Empty)
        : null);
}
