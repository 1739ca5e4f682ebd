using System.Security.Claims;

namespace EsgTrace.Portal.Auth;

/// <summary>The cookie principal of a user signed in by single sign-on: the same claims a local account gets, plus how.</summary>
public static class SingleSignOnPrincipal
{
    /// <summary>The actor name of a provider user: their <c>sub</c>, which the provider never reassigns, below the one configured issuer.</summary>
    public static string Name(string subject) => "oidc:" + subject;

    /// <summary>The name people read: the provider's <c>name</c>, else <c>preferred_username</c>, else <c>email</c>, else the subject.</summary>
    public static string DisplayName(ClaimsPrincipal provider, string subject)
        => new[] { "name", "preferred_username", "email" }.Select(provider.FindFirstValue).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? subject;

    public static ClaimsPrincipal Create(string subject, string displayName, Role role, string scheme)
        => PrincipalFactory.ForPerson(Name(subject), displayName, role, scheme, new Claim(AuthMethod.ClaimType, AuthMethod.SingleSignOn));
}
