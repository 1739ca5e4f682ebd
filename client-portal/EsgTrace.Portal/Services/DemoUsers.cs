using EsgTrace.Accounts;

namespace EsgTrace.Portal.Services;

/// <summary>
/// The demo accounts seeded at first start: one per role, the supplier one bound to the demo's sewing supplier. The admin
/// stays last: the seeder takes an existing last account as "seeded already".
/// </summary>
public static class DemoUsers
{
    public static IReadOnlyList<(string Username, string DisplayName, Role Role, string? SupplierId)> All { get; } =
    [
        ("supply", "Sam Supply (supply chain)", Role.SupplyChain, null),
        ("marketing", "Mia Marketing (CMO office)", Role.Marketing, null),
        ("cio", "Ines IT (CIO office)", Role.It, null),
        ("auditor", "Aldo Auditor", Role.Auditor, null),
        ("supplier", "Priya Raman (Chennai Apparel Works)", Role.Supplier, "demo-sewer"),
        ("admin", "Ada Admin", Role.Admin, null),
    ];
}
