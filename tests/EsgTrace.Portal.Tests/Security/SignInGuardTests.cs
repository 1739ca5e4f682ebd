using System.Diagnostics;
using System.Net;
using EsgTrace.Accounts;
using Xunit;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>Password guessing over the real sign-in form: lockout per name, the same answer for unknown names, everything audited.</summary>
public sealed class SignInGuardTests(SignInGuardTests.Portal portal) : IClassFixture<SignInGuardTests.Portal>
{
    public sealed class Portal : IDisposable
    {
        public SecurityPortal Value { get; } = new(new Dictionary<string, string?> { ["Auth:SignIn:PermitsPerMinute"] = "1000" });

        public void Dispose() => Value.Dispose();
    }

    private const string Wrong = "The username or password is incorrect, or the account is disabled.";

    private SecurityPortal P => portal.Value;

    [Fact]
    public async Task SixthWrongPassword_Locks_ThenTheRightOneIsRefusedToo()
    {
        var username = await P.NewUserAsync("guess", Role.Admin);
        using var attacker = new FormSession(P.Host.BaseAddress);

        var messages = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (signedIn, message, _) = await attacker.SignInAsync(username, "wrong guess number " + i);
            Assert.False(signedIn);
            messages.Add(message);
        }

        var right = await attacker.SignInAsync(username, SecurityPortal.Password);

        Assert.All(messages.Take(5), m => Assert.Equal(Wrong, m));
        Assert.StartsWith("Too many failed sign-ins for this name. Try again after ", messages[5], StringComparison.Ordinal);
        Assert.False(right.SignedIn);
        Assert.StartsWith("Too many failed sign-ins", right.Message, StringComparison.Ordinal);
        var audit = await P.AuditAsync("user:" + username);
        Assert.Equal(5, audit.Count(r => r.Action == "signin.failed"));
        Assert.Single(audit, r => r.Action == "signin.lockout");
        Assert.Single(audit, r => r.Action == "signin.locked-out");
        Assert.All(audit.Where(r => r.Action.StartsWith("signin.", StringComparison.Ordinal)), r => Assert.Contains("from 127.0.0.1", r.Detail!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SuccessfulSignIn_IsAudited()
    {
        var username = await P.NewUserAsync("ok", Role.It);
        using var session = await P.SignedInAsync(username);

        Assert.Contains(await P.AuditAsync("user:" + username), r => r.Action == "signin.succeeded");
    }

    [Fact]
    public async Task UnknownAndDisabledNames_GetTheAnswersOfAKnownOne_AfterTheSameWork()
    {
        var active = await P.NewUserAsync("act", Role.It);
        var disabled = await P.NewUserAsync("off", Role.It);
        await P.Accounts.SetDisabledAsync(disabled, true, "test");
        using var attacker = new FormSession(P.Host.BaseAddress);

        var known = await TimedAttemptsAsync(attacker, active, 5);
        var unknown = await TimedAttemptsAsync(attacker, "nobody-" + Guid.NewGuid().ToString("N")[..8], 5);
        var off = await TimedAttemptsAsync(attacker, disabled, 5);
        var malformed = await TimedAttemptsAsync(attacker, "!!", 1);

        Assert.All(known.Messages.Concat(unknown.Messages).Concat(off.Messages).Concat(malformed.Messages), m => Assert.Equal(Wrong, m));
        // Each answer costs one PBKDF2 hash (210,000 rounds, hundreds of times the rest of the request), known name or
        // not; before, unknown names answered ~90 times faster. Half the known median leaves room for a noisy machine.
        Assert.True(unknown.Median >= known.Median / 2, $"unknown {unknown.Median.TotalMilliseconds} ms vs known {known.Median.TotalMilliseconds} ms");
        Assert.True(off.Median >= known.Median / 2, $"disabled {off.Median.TotalMilliseconds} ms vs known {known.Median.TotalMilliseconds} ms");
        Assert.True(malformed.Median >= known.Median / 2, $"malformed {malformed.Median.TotalMilliseconds} ms vs known {known.Median.TotalMilliseconds} ms");
    }

    private static async Task<(List<string> Messages, TimeSpan Median)> TimedAttemptsAsync(FormSession session, string username, int count)
    {
        var messages = new List<string>();
        var times = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            var token = await session.TokenAsync("/account/login");
            var watch = Stopwatch.StartNew();
            using var response = await session.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "sign-in",
                ["Input.Username"] = username,
                ["Input.Password"] = "wrong guess " + i,
            }));
            var body = await response.Content.ReadAsStringAsync();
            times.Add(watch.Elapsed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            messages.Add(FormSession.ErrorText(body, "sign-in-error"));
        }

        return (messages, times.Order().ElementAt(times.Count / 2));
    }
}
