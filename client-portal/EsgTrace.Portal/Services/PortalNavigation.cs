using EsgTrace.Portal.Auth;
using MudBlazor;

namespace EsgTrace.Portal.Services;

/// <summary>The portal's navigation: each entry names the policy that decides who sees it, so menu and access never disagree.</summary>
public static class PortalNavigation
{
    public static IReadOnlyList<NavEntry> Entries { get; } =
    [
        new("Home", "/", Icons.Material.Filled.Home, null),
        new("Supply chain", "/supply-chain", Icons.Material.Filled.LocalShipping, Policies.SupplyChain),
        new("Supplier portal", "/supplier", Icons.Material.Filled.Storefront, Policies.SupplierPortal),
        new("Scorecard", "/scorecard", Icons.Material.Filled.Insights, Policies.Scorecard),
        new("Claims", "/claims", Icons.Material.Filled.Verified, Policies.Claims),
        new("Green IT", "/green-it", Icons.Material.Filled.Dns, Policies.GreenIt),
        new("Carbon-aware", "/green-it/carbon-aware", Icons.Material.Filled.Schedule, Policies.GreenIt),
        new("EPCIS deliveries", "/epcis/deliveries", Icons.Material.Filled.Webhook, Policies.EpcisDeliveries),
        new("PACT exchange", "/pact", Icons.Material.Filled.SwapHoriz, Policies.PactExchange),
        new("Audit trail", "/audit", Icons.Material.Filled.History, Policies.Audit),
        new("Users", "/admin/users", Icons.Material.Filled.People, Policies.Admin),
        new("API keys", "/admin/api-keys", Icons.Material.Filled.Key, Policies.Admin),
        new("PACT partners", "/admin/pact-partners", Icons.Material.Filled.Handshake, Policies.Admin),
    ];
}

/// <summary>One navigation entry; <see cref="Policy"/> null means every signed-in user.</summary>
public sealed record NavEntry(string Title, string Href, string Icon, string? Policy);
