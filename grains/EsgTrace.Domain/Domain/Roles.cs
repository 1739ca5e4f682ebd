namespace EsgTrace.Domain;

/// <summary>The role names used in sign-in claims, API keys and configuration ("supply-chain", "marketing", "it", "auditor", "admin", "supplier").</summary>
public static class Roles
{
    public const string SupplyChain = "supply-chain";
    public const string Marketing = "marketing";
    public const string It = "it";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    public const string Supplier = "supplier";

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>The roles of the brand's own staff: every role but <see cref="Role.Supplier"/>, whose accounts are made by invitation only.</summary>
    public static IReadOnlyList<Role> Staff { get; } = All.Where(r => r != Role.Supplier).ToList();

    /// <summary>Null when the supplier id fits the role (a supplier role needs one, every other role none), else why not.</summary>
    public static string? CheckSupplierBinding(Role role, string? supplierId) => role == Role.Supplier
        ? Validation.IsId(supplierId ?? string.Empty) ? null : "The supplier role is bound to one supplier: give its supplier id."
        : supplierId is null ? null : "Only the supplier role is bound to a supplier id.";

    public static string Name(this Role role) => role switch
    {
        Role.SupplyChain => SupplyChain,
        Role.Marketing => Marketing,
        Role.It => It,
        Role.Auditor => Auditor,
        Role.Admin => Admin,
        Role.Supplier => Supplier,
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
