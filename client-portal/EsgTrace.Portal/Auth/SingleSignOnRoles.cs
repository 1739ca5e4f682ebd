namespace EsgTrace.Portal.Auth;

/// <summary>Maps the role values a provider sends to EsgTrace roles; a sign-in needs exactly one.</summary>
public static class SingleSignOnRoles
{
    /// <summary>
    /// The distinct EsgTrace roles the values map to, in role order. A value the map lists becomes the role it names (an
    /// empty name drops the value); any other value counts when it is a role name itself. Matching ignores case, as role
    /// names do. The supplier role never results (it needs a supplier id).
    /// </summary>
    public static IReadOnlyList<Role> Map(IEnumerable<string> providerValues, IReadOnlyDictionary<string, string> map)
    {
        var byValue = new Dictionary<string, string>(map, StringComparer.OrdinalIgnoreCase);
        var roles = new HashSet<Role>();
        foreach (var value in providerValues)
        {
            var name = byValue.TryGetValue(value.Trim(), out var mapped) ? mapped : value;
            // The supplier role is bound to one supplier id, which a provider's role claim cannot carry: supplier staff
            // sign in with the local account their invitation made, never by single sign-on.
            if (EsgTrace.Domain.Roles.TryParse(name, out var role) && role != Role.Supplier)
            {
                roles.Add(role);
            }
        }

        return [.. roles.Order()];
    }
}
