using EsgTrace.Claims;

namespace EsgTrace.Portal.Api;

/// <summary>The answer to "is this PDF the genuine proof of this claim?", with the claim's current standing.</summary>
public sealed record ProofCheck(bool Genuine, ClaimStatusView Claim, IReadOnlyList<string> Reasons, ProofSignature? Signature = null);
