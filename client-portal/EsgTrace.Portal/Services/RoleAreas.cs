using EsgTrace.Accounts;

namespace EsgTrace.Portal.Services;

/// <summary>What each role works on, for its home page.</summary>
public static class RoleAreas
{
    public static IReadOnlyList<RoleArea> For(string? role) => role switch
    {
        Roles.SupplyChain => [SupplyChain],
        Roles.Marketing => [Claims],
        Roles.It => [GreenIt, Claims],
        Roles.Auditor => [SupplyChain, Claims, GreenIt, Audit],
        Roles.Admin => [Users, ApiKeys, Audit],
        Roles.Supplier => [SupplierPortal],
        _ => [],
    };

    private static readonly RoleArea SupplyChain = new("Supply chain", "/supply-chain", "Suppliers, certificates, material lots, shipments and production batches; traceability and product footprints.");
    private static readonly RoleArea Claims = new("Claims", "/claims", "Sustainability claims: drafted by marketing, verified against the data, approved by a second person, published with a signed proof.");
    private static readonly RoleArea GreenIt = new("Green IT", "/green-it", "Carbon of IT workloads, green-IT actions and their realised savings.");
    private static readonly RoleArea Audit = new("Audit trail", "/audit", "Every state change: who, what and when; append-only.");
    private static readonly RoleArea Users = new("Users", "/admin/users", "Local accounts and their roles.");
    private static readonly RoleArea SupplierPortal = new("Supplier portal", "/supplier", "Your own lots and the requests addressed to you: answer with your product footprint or a certificate.");
    private static readonly RoleArea ApiKeys = new("API keys", "/admin/api-keys", "Keys for machine clients, each scoped to one role; revocable.");
}

/// <summary>One area of the platform as a home page shows it.</summary>
public sealed record RoleArea(string Title, string Href, string Description);
