using NodaTime;

namespace EsgTrace.Accounts;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInStatus
{
    SignedIn,

    /// <summary>Unknown user, wrong password or disabled account: deliberately one answer.</summary>
    Refused,

    /// <summary>Too many failures: no password is checked until <see cref="SignInOutcome.LockedUntil"/>.</summary>
    LockedOut,
}

/// <summary>
/// A new session of an account: its profile, the security stamp and the session id the session must carry. The account
/// keeps its open sessions' ids, so signing out ends that one session for good, even if its cookie was kept.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.signed-in-account")]
public sealed record SignedInAccount(UserProfile Profile, string SecurityStamp, string SessionId);

/// <summary>The answer to a sign-in attempt.</summary>
[GenerateSerializer, Immutable, Alias("esg.sign-in-outcome")]
public sealed record SignInOutcome(SignInStatus Status, SignedInAccount? Account, Instant? LockedUntil)
{
    public static SignInOutcome Refused { get; } = new(SignInStatus.Refused, null, null);
}
