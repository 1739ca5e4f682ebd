namespace EsgTrace.Claims;

/// <summary>Whether the figures substantiate the claim, with the numbers compared, in words.</summary>
[GenerateSerializer, Immutable, Alias("esg.claim-evaluation")]
public sealed record ClaimEvaluation(bool Holds, decimal? Actual, decimal Threshold, string Explanation);
