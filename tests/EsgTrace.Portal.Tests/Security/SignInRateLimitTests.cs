using System.Net;
using EsgTrace.Accounts;
using Xunit;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>The per-address limit at its production default (20 a minute): the 21st secret-checking post answers 429 with Retry-After.</summary>
public sealed class SignInRateLimitTests : IDisposable
{
    private readonly SecurityPortal _portal = new(new Dictionary<string, string?> { ["Auth:SignIn:PermitsPerMinute"] = null });

    [Fact]
    public async Task ParallelGuessingAcrossNames_IsCutOffAfterTwentyAMinute_WithRetryAfter()
    {
        using var attacker = new FormSession(_portal.Host.BaseAddress);
        var token = await attacker.TokenAsync("/account/login");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var response = await attacker.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "sign-in",
                ["Input.Username"] = $"name{i}",
                ["Input.Password"] = "wrong guess " + i,
            }));
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.Equal(20, statuses.Count(s => s.StatusCode == HttpStatusCode.OK));
        var limited = statuses.Where(s => s.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(10, limited.Count);
        Assert.All(limited, s => Assert.InRange(s.RetryAfter!.Value.TotalSeconds, 1, 60));
        Assert.All(limited, s => Assert.Contains("Too many sign-in attempts from your address", s.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PactTokenEndpoint_IsLimitedToo()
    {
        using var client = _portal.Host.CreateApiClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 22; i++)
        {
            using var response = await client.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
            statuses.Add(response.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(20));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    public void Dispose() => _portal.Dispose();
}
