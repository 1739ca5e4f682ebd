namespace EsgTrace.Claims;

/// <summary>Which claims are about IT (checked against green-IT figures) and who may approve them.</summary>
public static class ItClaims
{
    public static bool IsIt(ClaimType type) => type is ClaimType.ItEmissionsPerUnitAtMost or ClaimType.ItEmissionsReduction;

    public static bool IsIt(ClaimScope scope) => scope is ClaimScope.Workload or ClaimScope.WorkloadGroup;

    /// <summary>The workload ids a draft covers: the one workload, or the group's subjects.</summary>
    public static IReadOnlyList<string> Workloads(ClaimDraft d) => d.Scope == ClaimScope.WorkloadGroup ? d.Subjects ?? [] : [d.ProductId];

    /// <summary>
    /// The roles whose members may approve a claim of this type (never its owner): a claim about IT is approved by the CIO
    /// (role it), who answers for the figures; product claims by IT or audit.
    /// </summary>
    public static IReadOnlyList<string> Approvers(ClaimType type) => IsIt(type) ? [Roles.It] : [Roles.It, Roles.Auditor];
}
