using System.Net;
using System.Net.Http.Json;
using EsgTrace.Accounts;
using EsgTrace.Portal.Services;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Xunit;
using static EsgTrace.Portal.Tests.SupplierPortal.SupplierPortalSetup;

namespace EsgTrace.Portal.Tests.SupplierPortal;

/// <summary>Supply chain invites a supplier's person; the link's single-use token makes a supplier account bound to that supplier.</summary>
[Collection(PortalCollection.Name)]
public sealed class SupplierInvitationApiTests(PortalFixture portal)
{
    private const string Password = "a long supplier password";

    [Fact]
    public async Task Invitation_IsUsedOnce_ForASupplierAccountBoundToItsSupplier()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        using var auditor = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor));
        using var anonymous = portal.Host.CreateApiClient();
        await Ok(supply.PutAsJsonAsync($"/api/suppliers/inv-{tag}", new { name = $"Weaver {tag}", country = "PT", tier = 1 }));

        using var invited = await supply.PostAsJsonAsync("/api/supplier-invitations", new { supplierId = $"inv-{tag}" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = await invited.ReadJsonAsync();
        var token = invitation.GetProperty("token").GetString()!;
        // The link is the portal's own redemption page carrying the token; valid for 7 days from now.
        Assert.Equal(new Uri(portal.Host.BaseAddress, "account/invitation?token=" + token).ToString(), invitation.GetProperty("link").GetString());
        var expires = NodaTime.Text.InstantPattern.ExtendedIso.Parse(invitation.GetProperty("expiresAt").GetString()!).Value;
        Assert.InRange((expires - SystemClock.Instance.GetCurrentInstant()).TotalHours, 7 * 24 - 1, 7 * 24);

        var username = $"weaver.{tag}";
        using var redeemed = await anonymous.PostAsJsonAsync("/api/supplier-invitations/redeem", new { token, username, displayName = "Wanda Weaver", password = Password });
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        var account = await redeemed.ReadJsonAsync();
        Assert.Equal("supplier", account.GetProperty("role").GetString());
        Assert.Equal($"inv-{tag}", account.GetProperty("supplierId").GetString());

        var profile = await portal.Host.Services.GetRequiredService<AccountService>().GetUserAsync(username);
        Assert.Equal(Role.Supplier, profile!.Role);
        Assert.Equal($"inv-{tag}", profile.SupplierId);
        var signIn = await portal.Host.Services.GetRequiredService<AccountService>().SignInAsync(username, Password, null);
        Assert.Equal(SignInStatus.SignedIn, signIn.Status);

        // Once only: the same token again is refused, whatever name it would make, and makes nothing.
        using var again = await anonymous.PostAsJsonAsync("/api/supplier-invitations/redeem", new { token, username = $"other.{tag}", displayName = "Other", password = Password });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("This invitation was used already.", (await again.ReadJsonAsync()).GetProperty("title").GetString());
        Assert.Null(await portal.Host.Services.GetRequiredService<AccountService>().GetUserAsync($"other.{tag}"));

        var audit = await AuditAsync(auditor);
        Assert.Contains(audit, r => r.Action == "supplier-invitation.created" && r.Detail!.StartsWith($"supplier inv-{tag};", StringComparison.Ordinal) && r.Actor.StartsWith("apikey:", StringComparison.Ordinal));
        Assert.Contains(audit, r => r.Action == "supplier-invitation.redeemed" && r.Actor == "user:" + username && r.Detail == $"account {username} of supplier inv-{tag}");
        Assert.Contains(audit, r => r.Action == "account.created" && r.Subject == "user:" + username && r.Detail == $"role supplier of supplier inv-{tag}");
        Assert.Contains(audit, r => r.Action == "supplier-invitation.refused" && r.Detail == "already used");
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // well-formed, never issued
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task UnknownOrMalformedTokens_AreRefusedReadably(string token)
    {
        using var anonymous = portal.Host.CreateApiClient();
        var name = "nobody." + Guid.NewGuid().ToString("N")[..8];
        using var refused = await anonymous.PostAsJsonAsync("/api/supplier-invitations/redeem", new { token, username = name, displayName = "Nobody", password = Password });

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("This invitation link is not valid.", (await refused.ReadJsonAsync()).GetProperty("title").GetString());
        Assert.Null(await portal.Host.Services.GetRequiredService<AccountService>().GetUserAsync(name));
    }

    [Fact]
    public async Task APasswordThePolicyRefuses_MakesNoAccount_AndTheInvitationStaysUsable()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        using var anonymous = portal.Host.CreateApiClient();
        await Ok(supply.PutAsJsonAsync($"/api/suppliers/inv-{tag}", new { name = $"Dyer {tag}", country = "PT", tier = 2 }));
        var token = (await Json(supply.PostAsJsonAsync("/api/supplier-invitations", new { supplierId = $"inv-{tag}" }))).GetProperty("token").GetString();
        var username = $"dyer.{tag}";

        using var tooShort = await anonymous.PostAsJsonAsync("/api/supplier-invitations/redeem", new { token, username, displayName = "Dora", password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal("The password must be at least 12 characters long.", (await tooShort.ReadJsonAsync()).GetProperty("errors").GetProperty("password")[0].GetString());
        Assert.Null(await portal.Host.Services.GetRequiredService<AccountService>().GetUserAsync(username));

        using var taken = await anonymous.PostAsJsonAsync("/api/supplier-invitations/redeem", new { token, username = "supply", displayName = "Dora", password = Password });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Equal(Role.SupplyChain, (await portal.Host.Services.GetRequiredService<AccountService>().GetUserAsync("supply"))!.Role);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/supplier-invitations/redeem", new { token, username, displayName = "Dora", password = Password })).StatusCode);
    }

    [Fact]
    public async Task AnInvitationForAnUnregisteredSupplier_IsRefused()
    {
        using var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        using var refused = await supply.PostAsJsonAsync("/api/supplier-invitations", new { supplierId = "never-registered-" + Guid.NewGuid().ToString("N")[..6] });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("No such supplier.", (await refused.ReadJsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task SupplierAccounts_AreMadeByInvitationOnly()
    {
        using var admin = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Admin));
        var name = "direct." + Guid.NewGuid().ToString("N")[..8];
        using var created = await admin.PostAsJsonAsync("/api/admin/users", new { username = name, displayName = "Direct", role = "supplier", password = Password });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal("The supplier role is bound to one supplier: give its supplier id.", (await created.ReadJsonAsync()).GetProperty("errors").GetProperty("supplierId")[0].GetString());

        // Nor does a staff account become a supplier one (or the other way round).
        using var made = await admin.PostAsJsonAsync("/api/admin/users", new { username = name, displayName = "Direct", role = "marketing", password = Password });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        using var promoted = await admin.PutAsJsonAsync($"/api/admin/users/{name}/role", new { role = "supplier" });
        Assert.Equal(HttpStatusCode.BadRequest, promoted.StatusCode);
        Assert.Equal(Role.Marketing, (await portal.Host.Services.GetRequiredService<AccountService>().GetUserAsync(name))!.Role);

        // A supplier API key names its supplier.
        using var unbound = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "supplier system", role = "supplier" });
        Assert.Equal(HttpStatusCode.BadRequest, unbound.StatusCode);
        using var bound = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "supplier system", role = "supplier", supplierId = "some-supplier" });
        Assert.Equal(HttpStatusCode.Created, bound.StatusCode);
        Assert.Equal("some-supplier", (await bound.ReadJsonAsync()).GetProperty("key").GetProperty("supplierId").GetString());
    }
}

/// <summary>An invitation expires 7 days after it was made (a portal of its own, on a clock the test moves).</summary>
public sealed class SupplierInvitationExpiryTests
{
    [Fact]
    public async Task AnInvitation_WorksUntilSevenDays_ThenIsRefusedAsExpired()
    {
        using var directory = new EsgTrace.Testing.TempDirectory();
        var clock = new FakeClock(Instant.FromUtc(2026, 6, 1, 9, 0));
        using var host = new PortalHost(directory.Path, services: s => s.AddSingleton<IClock>(clock));
        using var supply = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.SupplyChain));
        using var anonymous = host.CreateApiClient();
        await Ok(supply.PutAsJsonAsync("/api/suppliers/exp-mill", new { name = "Expiry Mill", country = "PT", tier = 1 }));
        var early = (await Json(supply.PostAsJsonAsync("/api/supplier-invitations", new { supplierId = "exp-mill" }))).GetProperty("token").GetString();
        var late = await Json(supply.PostAsJsonAsync("/api/supplier-invitations", new { supplierId = "exp-mill" }));
        // Made at 2026-06-01 09:00 UTC + 7 days = 2026-06-08 09:00 UTC.
        Assert.Equal("2026-06-08T09:00:00Z", late.GetProperty("expiresAt").GetString());

        clock.AdvanceMinutes((7 * 24 * 60) - 1); // 2026-06-08 08:59: one minute left
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/supplier-invitations/redeem", new { token = early, username = "early.bird", displayName = "Early", password = "a long supplier password" })).StatusCode);

        clock.AdvanceMinutes(1); // 09:00: the end is exclusive
        using var expired = await anonymous.PostAsJsonAsync("/api/supplier-invitations/redeem", new { token = late.GetProperty("token").GetString(), username = "late.bird", displayName = "Late", password = "a long supplier password" });
        Assert.Equal(HttpStatusCode.Conflict, expired.StatusCode);
        var problem = await expired.ReadJsonAsync();
        Assert.Equal("This invitation has expired.", problem.GetProperty("title").GetString());
        Assert.Equal("The invitation expired on 2026-06-08 09:00 UTC. Ask the company that invited you for a new link.", problem.GetProperty("detail").GetString());
        Assert.Null(await host.Services.GetRequiredService<AccountService>().GetUserAsync("late.bird"));
    }
}
