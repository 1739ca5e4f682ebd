using EsgTrace.Accounts;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.Accounts;

/// <summary>The lockout rule worked out by hand: five failures answered as wrong, the sixth locks; locks double from one minute to at most an hour.</summary>
public sealed class SignInLockoutTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 12, 1, 9, 0);

    [Fact]
    public void FiveFailures_AreCounted_TheSixthLocksForOneMinute()
    {
        var state = SignInLockout.None;
        for (var i = 1; i <= 5; i++)
        {
            state = state.AfterFailure(T0);
            Assert.False(state.IsLocked(T0));
            Assert.Equal(i, state.Failures);
        }

        state = state.AfterFailure(T0);

        Assert.True(state.IsLocked(T0));
        Assert.Equal(T0 + Duration.FromMinutes(1), state.LockedUntil);
        Assert.True(state.IsLocked(T0 + Duration.FromSeconds(59)));
        Assert.False(state.IsLocked(T0 + Duration.FromMinutes(1)));
    }

    [Fact]
    public void EachFurtherLock_LastsTwiceAsLong_UpToAnHour()
    {
        // 1, 2, 4, 8, 16, 32 minutes, then 64 would pass the hour: 60, 60.
        var expectedMinutes = new[] { 1, 2, 4, 8, 16, 32, 60, 60 };
        var state = SignInLockout.None;
        var now = T0;
        foreach (var minutes in expectedMinutes)
        {
            for (var i = 0; i < SignInLockout.AllowedFailures + 1; i++)
            {
                state = state.AfterFailure(now);
            }

            Assert.Equal(now + Duration.FromMinutes(minutes), state.LockedUntil);
            now = state.LockedUntil!.Value;
        }
    }
}
