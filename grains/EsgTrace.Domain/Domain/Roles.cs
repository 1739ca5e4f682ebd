namespace EsgTrace.Domain;

/// <summary>The role names used in sign-in claims, API keys and configuration ("supply-chain", "marketing", "it", "auditor", "admin").</summary>
public static class Roles
{
    public const string SupplyChain = "supply-chain";
    public const string Marketing = "marketing";
    public const string It = "it";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static string Name(this Role role) => role switch
    {
        Role.SupplyChain => SupplyChain,
        Role.Marketing => Marketing,
        Role.It => It,
        Role.Auditor => Auditor,
        Role.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    public static bool TryParse(string? name, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    public static string Describe() => string.Join(", ", All.Select(r => r.Name()));
}
