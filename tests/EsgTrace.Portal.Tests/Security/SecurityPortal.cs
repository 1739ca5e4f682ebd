using System.Net.Http.Json;
using EsgTrace.Accounts;
using EsgTrace.Portal.Services;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>A portal of the security tests' own (fresh data, production sign-in limits unless told otherwise).</summary>
public sealed class SecurityPortal : IDisposable
{
    public const string Password = "violet kettle on the stairs";
    private readonly TempDirectory _directory = new();

    public SecurityPortal(IReadOnlyDictionary<string, string?>? settings = null)
        => Host = new PortalHost(_directory.Path, settings);

    public PortalHost Host { get; }

    public string DataDirectory => _directory.Path;

    public AccountService Accounts => Host.Services.GetRequiredService<AccountService>();

    /// <summary>A new local account with <see cref="Password"/>.</summary>
    public async Task<string> NewUserAsync(string prefix, Role role)
    {
        var username = $"{prefix}-{Guid.NewGuid():N}"[..16];
        var created = await Accounts.CreateUserAsync(username, prefix, role, Password, "test-setup");
        Assert.True(created.IsOk, created.Problem?.Detail);
        return username;
    }

    public async Task<FormSession> SignedInAsync(string username, string password = Password)
    {
        var session = new FormSession(Host.BaseAddress);
        var (ok, message, status) = await session.SignInAsync(username, password);
        Assert.True(ok, $"sign-in as {username} failed: {status} {message}");
        return session;
    }

    public async Task<IReadOnlyList<EsgTrace.Audit.AuditRecord>> AuditAsync(string subject)
    {
        var records = new List<EsgTrace.Audit.AuditRecord>();
        string? after = null;
        do
        {
            var page = await Accounts.ReadAuditAsync(NodaTime.SystemClock.Instance.GetCurrentInstant().InUtc().Date, after, 500);
            records.AddRange(page.Records.Where(r => r.Subject == subject));
            after = page.NextAfterKey;
        }
        while (after is not null);

        return records;
    }

    public void Dispose()
    {
        Host.Dispose();
        _directory.Dispose();
    }
}

public static class MeResponses
{
    public static async Task<string?> RoleAsync(HttpResponseMessage response)
        => response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("role").GetString() : null;
}
