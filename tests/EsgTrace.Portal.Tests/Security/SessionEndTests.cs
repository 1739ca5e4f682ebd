using System.Net;
using System.Net.Http.Json;
using EsgTrace.Accounts;
using Xunit;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>
/// Sessions end when they should: the attacks of issue 16 replayed over real HTTP against a real portal. A cookie kept
/// from before a disable, a sign-out, a password change or "sign out everywhere" reads nothing any more.
/// </summary>
public sealed class SessionEndTests(SessionEndTests.Portal portal) : IClassFixture<SessionEndTests.Portal>
{
    public sealed class Portal : IDisposable
    {
        public SecurityPortal Value { get; } = new();

        public void Dispose() => Value.Dispose();
    }

    private SecurityPortal P => portal.Value;

    [Fact]
    public async Task DisabledUser_OldCookie_Gets401()
    {
        var username = await P.NewUserAsync("dis", Role.SupplyChain);
        using var session = await P.SignedInAsync(username);
        using var kept = FormSession.Replaying(P.Host.BaseAddress, session.AuthCookie!);
        Assert.Equal(HttpStatusCode.OK, (await kept.GetAsync("/api/me")).StatusCode);

        Assert.True((await P.Accounts.SetDisabledAsync(username, true, "admin")).IsOk);

        Assert.Equal(HttpStatusCode.Unauthorized, (await kept.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kept.GetAsync("/api/suppliers")).StatusCode);
        // A page asked with the dead cookie goes to the sign-in form, and the cookie is removed.
        using var page = await kept.GetAsync("/supply-chain/lots");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieKeptFromBeforeSignOut_NoLongerReadsTheAdminApi()
    {
        var username = await P.NewUserAsync("adm", Role.Admin);
        using var session = await P.SignedInAsync(username);
        var cookie = session.AuthCookie!;
        using var kept = FormSession.Replaying(P.Host.BaseAddress, cookie);
        Assert.Equal(HttpStatusCode.OK, (await kept.GetAsync("/api/admin/users")).StatusCode);

        using var signOut = await session.PostFormAsync("/account/logout", null, []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await kept.GetAsync("/api/admin/users")).StatusCode);
        Assert.Contains(await P.AuditAsync("user:" + username), r => r.Action == "signout");
    }

    [Fact]
    public async Task PasswordChange_EndsTheOtherSessions_AndKeepsThisOne()
    {
        var username = await P.NewUserAsync("pwd", Role.Marketing);
        using var here = await P.SignedInAsync(username);
        using var elsewhere = await P.SignedInAsync(username);

        using var change = await here.PostFormAsync("/account/password", "change-password", new()
        {
            ["Input.Current"] = SecurityPortal.Password,
            ["Input.New"] = "a brand new passphrase",
            ["Input.Confirm"] = "a brand new passphrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.Http.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.Http.GetAsync("/api/me")).StatusCode);
        using var fresh = new FormSession(P.Host.BaseAddress);
        Assert.False((await fresh.SignInAsync(username, SecurityPortal.Password)).SignedIn);
        Assert.True((await fresh.SignInAsync(username, "a brand new passphrase")).SignedIn);
        Assert.Contains(await P.AuditAsync("user:" + username), r => r.Action == "account.password-changed");
    }

    [Fact]
    public async Task PasswordForm_RefusesACommonPassword_WithTheReason()
    {
        var username = await P.NewUserAsync("com", Role.It);
        using var session = await P.SignedInAsync(username);

        using var change = await session.PostFormAsync("/account/password", "change-password", new()
        {
            ["Input.Current"] = SecurityPortal.Password,
            ["Input.New"] = "Password1234!",
            ["Input.Confirm"] = "Password1234!",
        });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal("This password is on the list of commonly used passwords; choose another.", FormSession.ErrorText(await change.Content.ReadAsStringAsync(), "password-error"));
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySession()
    {
        var username = await P.NewUserAsync("all", Role.Auditor);
        using var laptop = await P.SignedInAsync(username);
        using var phone = await P.SignedInAsync(username);

        using var response = await laptop.PostFormAsync("/account/logout-everywhere", null, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.Http.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.Http.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task AdminApi_ResetsAPassword_AndKeepsTheLastAdmin()
    {
        var admin = await P.NewUserAsync("boss", Role.Admin);
        using var adminSession = await P.SignedInAsync(admin);
        var key = await ApiTestSupport.IssueKeyAsync(P.Host, Role.Admin);
        using var api = P.Host.CreateApiClient(key);
        var user = await P.NewUserAsync("rst", Role.SupplyChain);
        using var userSession = await P.SignedInAsync(user);

        using var reset = await api.PostAsync($"/api/admin/users/{user}/password-reset", null);
        var temporary = (await reset.ReadJsonAsync()).GetProperty("temporaryPassword").GetString()!;

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await userSession.Http.GetAsync("/api/me")).StatusCode);
        using var again = new FormSession(P.Host.BaseAddress);
        Assert.True((await again.SignInAsync(user, temporary)).SignedIn);

        // Every other admin steps down; then the last one can be neither disabled nor demoted.
        var users = await P.Accounts.ListUsersAsync(null, 500);
        foreach (var other in users.Items.Where(u => u.Role == Role.Admin && !u.Disabled && u.Username != admin))
        {
            Assert.True((await P.Accounts.SetDisabledAsync(other.Username, true, "test")).IsOk);
        }

        using var disable = await api.PostAsync($"/api/admin/users/{admin}/disable", null);
        using var demote = await api.PutAsJsonAsync($"/api/admin/users/{admin}/role", new { role = "auditor" });
        Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal("application/problem+json", disable.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await adminSession.Http.GetAsync("/api/admin/users")).StatusCode);
    }
}
