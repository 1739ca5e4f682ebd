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

        var unknownName = "nobody-" + Guid.NewGuid().ToString("N")[..8];

        // Interleaved, so a load spike on this shared machine hits every kind alike; five rounds, as the sixth would lock.
        var names = new[] { active, unknownName, disabled, "!!" };
        var messages = names.ToDictionary(n => n, _ => new List<string>());
        var times = names.ToDictionary(n => n, _ => new List<TimeSpan>());
        for (var round = 0; round < 5; round++)
        {
            foreach (var name in names)
            {
                var (message, time) = await TimedAttemptAsync(attacker, name, round);
                messages[name].Add(message);
                times[name].Add(time);
            }
        }

        Assert.All(messages.Values.SelectMany(m => m), m => Assert.Equal(Wrong, m));
        // Each answer costs one PBKDF2 hash (210,000 rounds, a hundred times the rest of the request), known name or
        // not; before, unknown names answered about 90 times faster than known ones. A quarter of the known median
        // still tells the two apart by far, and leaves room for a noisy machine.
        var known = Median(times[active]);
        foreach (var name in names.Skip(1))
        {
            Assert.True(Median(times[name]) >= known / 4, $"'{name}' answered in {Median(times[name]).TotalMilliseconds} ms, known names in {known.TotalMilliseconds} ms");
        }
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    private static async Task<(string Message, TimeSpan Time)> TimedAttemptAsync(FormSession session, string username, int round)
    {
        var token = await session.TokenAsync("/account/login");
        var watch = Stopwatch.StartNew();
        using var response = await session.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "sign-in",
            ["Input.Username"] = username,
            ["Input.Password"] = "wrong guess " + round,
        }));
        var body = await response.Content.ReadAsStringAsync();
        var time = watch.Elapsed;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (FormSession.ErrorText(body, "sign-in-error"), time);
    }
}
