using System.Net;
using EsgTrace.Accounts;
using Xunit;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>The absolute lifetime beside the sliding one: a session in constant use still ends when its time is up.</summary>
public sealed class SessionLifetimeTests : IDisposable
{
    // Three seconds, so the test can watch it end; the default is twelve hours.
    private readonly SecurityPortal _portal = new(new Dictionary<string, string?>
    {
        ["Auth:Session:AbsoluteHours"] = (3.0 / 3600).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Auth:Session:IdleHours"] = "1",
    });

    [Fact]
    public async Task ABusySession_EndsAtItsAbsoluteLifetime()
    {
        var username = await _portal.NewUserAsync("busy", Role.Auditor);
        using var session = await _portal.SignedInAsync(username);

        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/api/me")).StatusCode);
        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(500);
            await session.Http.GetAsync("/api/me"); // in use all the time: the sliding lifetime alone would never end it
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Http.GetAsync("/api/me")).StatusCode);
    }

    public void Dispose() => _portal.Dispose();
}
