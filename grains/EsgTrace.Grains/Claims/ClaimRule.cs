namespace EsgTrace.Claims;

/// <summary>
/// What a claim asserts, in numbers: the type, the threshold (kg CO2e for <see cref="ClaimType.FootprintAtMost"/>, a
/// percentage otherwise) and, for reductions, the baseline figures it compares with.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.claim-rule")]
public sealed record ClaimRule(ClaimType Type, decimal Threshold, ClaimFigures? Baseline = null);
