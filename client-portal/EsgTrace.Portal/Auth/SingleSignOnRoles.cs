namespace EsgTrace.Portal.Auth;

/// <summary>Maps the role values a provider sends to EsgTrace roles; a sign-in needs exactly one.</summary>
public static class SingleSignOnRoles
{
    /// <summary>
    /// The distinct EsgTrace roles the values map to, in role order. With an empty map a value counts when it is a role
    /// name; with a map only the values it lists count (matched ignoring case, as role names are).
    /// </summary>
    public static IReadOnlyList<Role> Map(IEnumerable<string> providerValues, IReadOnlyDictionary<string, string> map)
    {
        var byValue = new Dictionary<string, string>(map, StringComparer.OrdinalIgnoreCase);
        var roles = new HashSet<Role>();
        foreach (var value in providerValues)
        {
            var name = byValue.Count == 0 ? value : byValue.GetValueOrDefault(value.Trim());
            if (EsgTrace.Domain.Roles.TryParse(name, out var role))
            {
                roles.Add(role);
            }
        }

        return [.. roles.Order()];
    }
}
