using NodaTime;

namespace EsgTrace.Accounts;

/// <summary>Stored state of a <see cref="UserAccountGrain"/>.</summary>
public sealed class UserAccountState
{
    public string Username { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public Role Role { get; set; }

    /// <summary>The one supplier a <see cref="Role.Supplier"/> account sees and answers for; null for every other role.</summary>
    public string? SupplierId { get; set; }

    public string PasswordHash { get; set; } = string.Empty;

    public bool Disabled { get; set; }

    public Instant CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>Every session carries it; a new value ends them all. Empty in accounts stored before stamps existed (then set at once).</summary>
    public string SecurityStamp { get; set; } = string.Empty;

    /// <summary>Open sessions: id → when it began; at most <see cref="UserAccountGrain.MaxSessions"/>, the oldest ending first.</summary>
    public Dictionary<string, Instant> Sessions { get; set; } = new(StringComparer.Ordinal);

    public int FailedSignIns { get; set; }

    public int Lockouts { get; set; }

    public Instant? LockedUntil { get; set; }

    public Instant? PasswordChangedAt { get; set; }

    public SignInLockout GetLockout() => new(FailedSignIns, Lockouts, LockedUntil);

    public void SetLockout(SignInLockout lockout) => (FailedSignIns, Lockouts, LockedUntil) = (lockout.Failures, lockout.Locks, lockout.LockedUntil);

    public UserProfile ToProfile() => new(Username, DisplayName, Role, Disabled, CreatedAt, CreatedBy, SupplierId);
}
