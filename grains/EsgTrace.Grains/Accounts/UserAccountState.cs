using NodaTime;

namespace EsgTrace.Accounts;

/// <summary>Stored state of a <see cref="UserAccountGrain"/>.</summary>
public sealed class UserAccountState
{
    public string Username { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public Role Role { get; set; }

    public string PasswordHash { get; set; } = string.Empty;

    public bool Disabled { get; set; }

    public Instant CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public UserProfile ToProfile() => new(Username, DisplayName, Role, Disabled, CreatedAt, CreatedBy);
}
