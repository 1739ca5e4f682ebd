namespace EsgTrace.Portal.Auth;

/// <summary>
/// OpenID Connect sign-in (authorization code + PKCE) at the organisation's identity provider, section <c>Auth:Oidc</c>.
/// Without an <see cref="Authority"/> there is no single sign-on: only local accounts, as in the embedded default.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Auth:Oidc";

    /// <summary>The authentication scheme of the OpenID Connect handler (registered only when configured).</summary>
    public const string Scheme = "oidc";

    /// <summary>The provider's issuer URL; its discovery document is read from <c>/.well-known/openid-configuration</c> below it.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Only for a confidential client; a public client proves itself by PKCE alone.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Space-separated scopes requested; must include <c>openid</c>.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>The id_token claim whose values name the user's role at the provider.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>
    /// Provider role value → EsgTrace role name (<c>Auth:Oidc:RoleMap:esg-supply = supply-chain</c>; an empty name ignores
    /// that value). A value it does not list counts when it is an EsgTrace role name itself.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    /// <summary>Names the provider on the sign-in button ("Sign in with …").</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Refuse a provider whose metadata is not served over HTTPS; only a loopback test provider may turn it off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>What is wrong with a configured section, one readable sentence each; empty when it is usable (or not configured).</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!IsConfigured)
        {
            return [];
        }

        var problems = new List<string>();
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            problems.Add($"{Section}:{nameof(Authority)} must be an absolute https URL, e.g. https://login.example.com/realms/esg.");
        }
        else if (authority.Scheme == "http" && RequireHttpsMetadata)
        {
            problems.Add($"{Section}:{nameof(Authority)} is http: the provider must be reached over https (only a loopback test provider may set {Section}:{nameof(RequireHttpsMetadata)}=false).");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add($"{Section}:{nameof(ClientId)} is required with {Section}:{nameof(Authority)}: the client id registered for EsgTrace at the provider.");
        }

        if (!ScopeList.Contains("openid", StringComparer.Ordinal))
        {
            problems.Add($"{Section}:{nameof(Scopes)} must include openid (it is '{Scopes}').");
        }

        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            problems.Add($"{Section}:{nameof(RoleClaim)} must name the claim that carries the user's role.");
        }

        foreach (var (value, role) in RoleMap)
        {
            if (!string.IsNullOrEmpty(role) && !EsgTrace.Domain.Roles.TryParse(role, out _))
            {
                problems.Add($"{Section}:{nameof(RoleMap)}:{value} maps to '{role}', which is not a role; the roles are {EsgTrace.Domain.Roles.Describe()} (or empty, to ignore the value).");
            }
        }

        return problems;
    }
}
