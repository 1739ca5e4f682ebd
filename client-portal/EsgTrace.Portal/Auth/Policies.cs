using EsgTrace.Accounts;

namespace EsgTrace.Portal.Auth;

/// <summary>Authorization policies: which roles may use which part of the platform.</summary>
public static class Policies
{
    public const string SupplyChain = "supply-chain-area";
    public const string SupplyChainWrite = "supply-chain-write";
    public const string FiguresRead = "figures-read";
    public const string ClaimsWrite = "claims-write";
    public const string ClaimsApprove = "claims-approve";
    public const string Claims = "claims-area";
    public const string GreenIt = "green-it-area";
    public const string GreenItWrite = "green-it-write";
    public const string Audit = "audit-area";
    public const string Admin = "admin-area";

    /// <summary>Running the platform: the Orleans dashboard, /metrics and the health details.</summary>
    public const string Operations = "operations";

    /// <summary>Roles per policy. The auditor reads every area; writes are checked per endpoint as areas gain them.</summary>
    public static IReadOnlyDictionary<string, string[]> Roles { get; } = new Dictionary<string, string[]>
    {
        [SupplyChain] = [Accounts.Roles.SupplyChain, Accounts.Roles.Auditor],
        [SupplyChainWrite] = [Accounts.Roles.SupplyChain],
        [ClaimsWrite] = [Accounts.Roles.Marketing],
        [ClaimsApprove] = [Accounts.Roles.It, Accounts.Roles.Auditor],
        [FiguresRead] = [Accounts.Roles.SupplyChain, Accounts.Roles.Auditor, Accounts.Roles.Marketing, Accounts.Roles.It],
        [Claims] = [Accounts.Roles.Marketing, Accounts.Roles.It, Accounts.Roles.Auditor],
        [GreenIt] = [Accounts.Roles.It, Accounts.Roles.Auditor],
        [GreenItWrite] = [Accounts.Roles.It],
        [Audit] = [Accounts.Roles.Auditor, Accounts.Roles.Admin],
        [Admin] = [Accounts.Roles.Admin],
        [Operations] = [Accounts.Roles.It, Accounts.Roles.Admin],
    };
}
