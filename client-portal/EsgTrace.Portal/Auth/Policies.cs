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

    /// <summary>The shared scorecard: the CMO (marketing) and the CIO (it) see the same KPIs; audit reads it too.</summary>
    public const string Scorecard = "scorecard";
    public const string Admin = "admin-area";

    /// <summary>The delivery status of EPCIS subscriptions (destinations, failures): the supply chain that owns them, audit and admin.</summary>
    public const string EpcisDeliveries = "epcis-deliveries";

    /// <summary>The supplier portal: a supplier's own staff, each bound to one supplier id, and no one else.</summary>
    public const string SupplierPortal = "supplier-portal";

    /// <summary>The PACT exchange's requests, received footprints and deliveries: supply chain (who works them), audit and admin.</summary>
    public const string PactExchange = "pact-exchange";

    /// <summary>Running the platform: the Orleans dashboard, /metrics and the health details.</summary>
    public const string Operations = "operations";

    /// <summary>Roles per policy. The auditor reads every area; writes are checked per endpoint as areas gain them.</summary>
    public static IReadOnlyDictionary<string, string[]> Roles { get; } = new Dictionary<string, string[]>
    {
        [SupplyChain] = [EsgTrace.Domain.Roles.SupplyChain, EsgTrace.Domain.Roles.Auditor],
        [SupplyChainWrite] = [EsgTrace.Domain.Roles.SupplyChain],
        [ClaimsWrite] = [EsgTrace.Domain.Roles.Marketing],
        [ClaimsApprove] = [EsgTrace.Domain.Roles.It, EsgTrace.Domain.Roles.Auditor],
        [FiguresRead] = [EsgTrace.Domain.Roles.SupplyChain, EsgTrace.Domain.Roles.Auditor, EsgTrace.Domain.Roles.Marketing, EsgTrace.Domain.Roles.It],
        [Claims] = [EsgTrace.Domain.Roles.Marketing, EsgTrace.Domain.Roles.It, EsgTrace.Domain.Roles.Auditor],
        [GreenIt] = [EsgTrace.Domain.Roles.It, EsgTrace.Domain.Roles.Auditor],
        [GreenItWrite] = [EsgTrace.Domain.Roles.It],
        [Audit] = [EsgTrace.Domain.Roles.Auditor, EsgTrace.Domain.Roles.Admin],
        [Scorecard] = [EsgTrace.Domain.Roles.Marketing, EsgTrace.Domain.Roles.It, EsgTrace.Domain.Roles.Auditor],
        [Admin] = [EsgTrace.Domain.Roles.Admin],
        [EpcisDeliveries] = [EsgTrace.Domain.Roles.SupplyChain, EsgTrace.Domain.Roles.Auditor, EsgTrace.Domain.Roles.Admin],
        [PactExchange] = [EsgTrace.Domain.Roles.SupplyChain, EsgTrace.Domain.Roles.Auditor, EsgTrace.Domain.Roles.Admin],
        [Operations] = [EsgTrace.Domain.Roles.It, EsgTrace.Domain.Roles.Admin],
        [SupplierPortal] = [EsgTrace.Domain.Roles.Supplier],
    };
}
