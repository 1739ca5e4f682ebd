using NodaTime;

namespace EsgTrace.Accounts;

/// <summary>
/// Failed sign-ins of one account name, and the lock they lead to (OWASP ASVS 2.2.1). Five wrong passwords in a row are
/// answered as wrong; the sixth locks the name for one minute, and each further lock before a successful sign-in lasts
/// twice as long as the one before, up to an hour. While locked, no password is checked at all.
/// </summary>
public sealed record SignInLockout(int Failures, int Locks, Instant? LockedUntil)
{
    public const int AllowedFailures = 5;
    public static readonly Duration FirstLock = Duration.FromMinutes(1);
    public static readonly Duration LongestLock = Duration.FromHours(1);

    public static SignInLockout None { get; } = new(0, 0, null);

    public bool IsLocked(Instant now) => LockedUntil is { } until && now < until;

    /// <summary>The state after one more wrong password at <paramref name="now"/>: counted, or locked on the sixth.</summary>
    public SignInLockout AfterFailure(Instant now)
    {
        if (Failures + 1 <= AllowedFailures)
        {
            return this with { Failures = Failures + 1 };
        }

        var locks = Locks + 1;
        return new SignInLockout(0, locks, now + LockFor(locks));
    }

    /// <summary>How long the n-th lock in a row lasts: 1, 2, 4 … minutes, never more than an hour.</summary>
    public static Duration LockFor(int lockNumber)
    {
        var minutes = Math.Min(FirstLock.TotalMinutes * Math.Pow(2, Math.Min(lockNumber - 1, 30)), LongestLock.TotalMinutes);
        return Duration.FromMinutes(minutes);
    }
}
