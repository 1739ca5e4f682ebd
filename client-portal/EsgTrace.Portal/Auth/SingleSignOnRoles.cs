namespace EsgTrace.Portal.Auth;

/// <summary>Maps the role values a provider sends to EsgTrace roles; a sign-in needs exactly one.</summary>
public static class SingleSignOnRoles
{
    /// <summary>
    /// The distinct EsgTrace roles the values map to, in role order. A value the map lists becomes the role it names (an
    /// empty name drops the value); any other value counts when it is a role name itself. Matching ignores case, as role
    /// names do.
    /// </summary>
    public static IReadOnlyList<Role> Map(IEnumerable<string> providerValues, IReadOnlyDictionary<string, string> map)
    {
        var byValue = new Dictionary<string, string>(map, StringComparer.OrdinalIgnoreCase);
        var roles = new HashSet<Role>();
        foreach (var value in providerValues)
        {
            var name = byValue.TryGetValue(value.Trim(), out var mapped) ? mapped : value;
            if (EsgTrace.Domain.Roles.TryParse(name, out var role))
            {
                roles.Add(role);
            }
        }

        return [.. roles.Order()];
    }
}
