using EsgTrace.Accounts;
using NodaTime;

namespace EsgTrace.ApiKeys;

/// <summary>Stored state of an <see cref="ApiKeyGrain"/>: the secret's SHA-256, never the secret.</summary>
public sealed class ApiKeyState
{
    public string Name { get; set; } = string.Empty;

    public Role Role { get; set; }

    /// <summary>The supplier a <see cref="Role.Supplier"/> key acts for; null for every other role.</summary>
    public string? SupplierId { get; set; }

    public string SecretSha256 { get; set; } = string.Empty;

    public Instant CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public Instant? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
