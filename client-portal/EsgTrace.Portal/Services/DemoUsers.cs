using EsgTrace.Accounts;

namespace EsgTrace.Portal.Services;

/// <summary>The demo accounts seeded at first start: one per role.</summary>
public static class DemoUsers
{
    public static IReadOnlyList<(string Username, string DisplayName, Role Role)> All { get; } =
    [
        ("supply", "Sam Supply (supply chain)", Role.SupplyChain),
        ("marketing", "Mia Marketing (CMO office)", Role.Marketing),
        ("cio", "Ines IT (CIO office)", Role.It),
        ("auditor", "Aldo Auditor", Role.Auditor),
        ("admin", "Ada Admin", Role.Admin),
    ];
}
