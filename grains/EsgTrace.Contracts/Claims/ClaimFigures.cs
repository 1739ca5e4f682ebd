namespace EsgTrace.Claims;

/// <summary>
/// The figures a claim is checked against, taken from one product analysis: footprint (kg CO2e per declared unit) and
/// the mass-balance shares (0-1), with the dataset and lineage they came from, and the name and declared unit of what
/// was analysed (null in figures stored before they were kept). For an IT claim the footprint is the SCI score (kg CO2e
/// per functional unit, <see cref="DeclaredUnit"/>) over the claim's current period, the shares are zero and
/// <see cref="It"/> holds the green-IT figures behind it.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.claim-figures")]
public sealed record ClaimFigures(
    decimal? FootprintKgCo2e,
    string? FootprintProblem,
    decimal CertifiedShare,
    decimal RecycledShare,
    decimal TraceableShare,
    string Dataset,
    string Calculator,
    string LineageRootSha256,
    string? DeclaredUnit = null,
    string? ProductName = null,
    ItClaimFigures? It = null);
