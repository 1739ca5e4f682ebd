using System.Globalization;
using EsgTrace.Portal.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using EsgTrace.Testing;
using EsgTrace.Testing.Oidc;
using Xunit;

namespace EsgTrace.Portal.Tests.SingleSignOn;

/// <summary>
/// A real OpenID Connect provider (OpenIddict on its own loopback host, another site for the browser) and a portal of
/// its own signing in there: a confidential client with PKCE, the provider's "roles" claim, and one configured mapping
/// (esg-supply → supply-chain).
/// </summary>
public sealed class SingleSignOnFixture : IAsyncLifetime
{
    public const string ProviderName = "Test IdP";

    public static readonly TestOidcUser Marketing = new("mara", "mara's provider password", "Mara Marketing", "marketing");
    public static readonly TestOidcUser MappedSupply = new("sam", "sam's provider password", "Sam Supply", "esg-supply", "staff");
    public static readonly TestOidcUser NoRole = new("nora", "nora's provider password", "Nora Nobody", "staff", "visitor");
    public static readonly TestOidcUser TwoRoles = new("tom", "tom's provider password", "Tom Twice", "marketing", "auditor");

    private readonly TempDirectory _directory = new();

    public TestOidcProvider Provider { get; private set; } = null!;

    public PortalHost Host { get; private set; } = null!;

    public Uri RedirectUri => new(Host.BaseAddress, "/signin-oidc");

    public async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync([Marketing, MappedSupply, NoRole, TwoRoles]);
        Host = new PortalHost(_directory.Path, new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = Provider.Issuer.ToString(),
            ["Auth:Oidc:ClientId"] = TestOidcProvider.ClientId,
            ["Auth:Oidc:ClientSecret"] = TestOidcProvider.ClientSecret,
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
            ["Auth:Oidc:DisplayName"] = ProviderName,
            ["Auth:Oidc:RoleMap:esg-supply"] = "supply-chain",
        });
        Provider.AllowRedirectUri(RedirectUri);
        await WarmUpAsync();
    }

    // The first challenge makes the portal read the provider's discovery document and the provider compile its
    // pipeline; on two busy cores that can take longer than a browser step may wait, so it happens here, once.
    private async Task WarmUpAsync()
    {
        using var browser = new CookieBrowser();
        var toProvider = await browser.GetAsync(new Uri(Host.BaseAddress, "/account/sso"));
        var toLogin = await browser.GetAsync(toProvider.Headers.Location ?? throw new InvalidOperationException($"The portal's single sign-on answered {(int)toProvider.StatusCode}, not a redirect to the provider."));
        (await browser.GetAsync(new Uri(Provider.Issuer, toLogin.Headers.Location!))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Host?.Dispose();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        _directory.Dispose();
    }

    /// <summary>Opens the portal's sign-in cookie with the portal's own keys: the principal and the session it carries.</summary>
    public AuthenticationTicket ReadSignInCookie(string value)
        => Host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AuthSchemes.Cookie).TicketDataFormat.Unprotect(value)
           ?? throw new InvalidOperationException("The sign-in cookie does not open with the portal's keys.");

    /// <summary>The audit records of today whose actor is <paramref name="actor"/>, read through the API as an auditor.</summary>
    public async Task<List<(string Action, string Detail)>> AuditOfAsync(string actor)
    {
        using var auditor = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.Auditor));
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var audit = await (await auditor.GetAsync($"/api/audit?day={day}&pageSize=500")).ReadJsonAsync();
        return [.. audit.GetProperty("records").EnumerateArray()
            .Where(r => r.GetProperty("actor").GetString() == actor)
            .Select(r => (r.GetProperty("action").GetString()!, r.GetProperty("detail").GetString() ?? string.Empty))];
    }
}

[CollectionDefinition(Name)]
public sealed class SingleSignOnCollection : ICollectionFixture<SingleSignOnFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "single sign-on";
}
