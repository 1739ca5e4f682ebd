namespace EsgTrace.Testing.Oidc;

/// <summary>A user of the test provider: signs in on its form with <paramref name="Password"/> and gets <paramref name="Roles"/> in the "roles" claim.</summary>
public sealed record TestOidcUser(string Username, string Password, string DisplayName, params string[] Roles)
{
    /// <summary>The provider's stable id of the user (the id_token's sub).</summary>
    public string Subject => "subject-" + Username;
}
