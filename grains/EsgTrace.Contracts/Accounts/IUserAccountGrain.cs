using EsgTrace.Domain;

namespace EsgTrace.Accounts;

/// <summary>A local account, keyed by its normalized username.</summary>
[Alias("esg.IUserAccountGrain")]
public interface IUserAccountGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Outcome<UserProfile>> Create(CreateUser command);

    /// <summary>
    /// Checks a password. Unknown user, wrong password and disabled account get the same refusal after the same work, so
    /// none can be told apart; repeated failures lock the name for a while (unknown names too). Every attempt is audited.
    /// </summary>
    [Alias("SignIn")]
    Task<SignInOutcome> SignIn(string password, string? from);

    /// <summary>
    /// The account as a session sees it: its profile when the session's stamp is current, the session still open and the
    /// account active, else null.
    /// </summary>
    [Alias("CheckSession")]
    Task<UserProfile?> CheckSession(string securityStamp, string sessionId);

    /// <summary>Ends one session (sign-out): its cookie, even if kept, no longer works.</summary>
    [Alias("EndSession")]
    Task EndSession(string sessionId);

    [Alias("Get")]
    Task<UserProfile?> Get();

    /// <summary>Disables or enables the account; disabling ends its sessions. The last active admin cannot be disabled.</summary>
    [Alias("SetDisabled")]
    Task<Outcome<UserProfile>> SetDisabled(bool disabled, string actor);

    /// <summary>The user changes their own password (the current one is checked and counts towards lockout); every other session ends.</summary>
    [Alias("ChangePassword")]
    Task<Outcome<SignedInAccount>> ChangePassword(string currentPassword, string newPassword);

    /// <summary>An admin sets a new password; it clears a lockout and ends every session of the account.</summary>
    [Alias("ResetPassword")]
    Task<Outcome<UserProfile>> ResetPassword(string newPassword, string actor);

    /// <summary>Changes the role; ends the account's sessions. The last active admin cannot be demoted.</summary>
    [Alias("ChangeRole")]
    Task<Outcome<UserProfile>> ChangeRole(Role role, string actor);

    /// <summary>Ends every session of the account (sign out everywhere).</summary>
    [Alias("EndSessions")]
    Task<Outcome<UserProfile>> EndSessions(string actor);

    /// <summary>
    /// The recovery command for a locked-out installation: makes this account an active admin with the given password,
    /// creating it if needed, clearing any lockout and ending its sessions.
    /// </summary>
    [Alias("Recover")]
    Task<Outcome<UserProfile>> Recover(string newPassword, string actor);
}
