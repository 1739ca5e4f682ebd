using NodaTime;

namespace EsgTrace.Accounts;

/// <summary>Create a local account; <see cref="SupplierId"/> binds a <see cref="Role.Supplier"/> account to its supplier (required for it, refused for any other role).</summary>
[GenerateSerializer, Immutable, Alias("esg.create-user")]
public sealed record CreateUser(string DisplayName, Role Role, string Password, string Actor, string? SupplierId = null);

/// <summary>A local account as others may see it: never its password hash.</summary>
[GenerateSerializer, Immutable, Alias("esg.user-profile")]
public sealed record UserProfile(string Username, string DisplayName, Role Role, bool Disabled, Instant CreatedAt, string CreatedBy, string? SupplierId = null);
