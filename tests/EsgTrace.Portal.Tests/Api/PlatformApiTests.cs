using System.Net;
using System.Net.Http.Json;
using System.Text;
using EsgTrace.Accounts;
using Xunit;

namespace EsgTrace.Portal.Tests.Api;

/// <summary>The HTTP API over a real Kestrel port: health, OpenAPI, problem details, API keys scoped to roles.</summary>
[Collection(PortalCollection.Name)]
public sealed class PlatformApiTests(PortalFixture portal)
{
    private PortalHost Host => portal.Host;

    [Fact]
    public async Task Health_Is200_WhenTheSiloAndStorageAnswer()
    {
        var response = await Host.CreateApiClient().GetAsync("/health");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheApi()
    {
        var response = await Host.CreateApiClient().GetAsync("/openapi/v1.json");
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(paths.TryGetProperty("/api/admin/api-keys", out _));
        Assert.True(paths.TryGetProperty("/api/me", out _));
        Assert.True(paths.TryGetProperty("/health", out _));
    }

    [Fact]
    public async Task Unauthenticated_ApiCall_Is401ProblemDetails_NotARedirect()
    {
        var response = await Host.CreateApiClient().GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ApiKey_ActsWithItsRole_AndIsRefusedOnceRevoked()
    {
        var admin = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.Admin));
        var issued = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "ERP", role = "supply-chain" });
        var issuedBody = await issued.ReadJsonAsync();
        var token = issuedBody.GetProperty("token").GetString()!;
        var keyId = issuedBody.GetProperty("key").GetProperty("keyId").GetString()!;
        var machine = Host.CreateApiClient(token);

        var me = await (await machine.GetAsync("/api/me")).ReadJsonAsync();
        var forbidden = await machine.GetAsync("/api/admin/users");
        var revoke = await admin.DeleteAsync($"/api/admin/api-keys/{keyId}");
        var afterRevoke = await machine.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal("supply-chain", me.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task MalformedApiKey_Is401()
    {
        var response = await Host.CreateApiClient("esg_not-a-key").GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CreateUser_BadInput_Is400WithFieldErrors_AndCreatesNothing()
    {
        var admin = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.Admin));

        var badRole = await admin.PostAsJsonAsync("/api/admin/users", new { username = "new.user1", displayName = "New", role = "superuser", password = "long enough password" });
        var badPassword = await admin.PostAsJsonAsync("/api/admin/users", new { username = "new.user1", displayName = "New", role = "it", password = "short" });
        var malformed = await admin.PostAsync("/api/admin/users", new StringContent("{\"username\": ", Encoding.UTF8, "application/json"));
        var users = await (await admin.GetAsync("/api/admin/users?pageSize=500")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.True((await badRole.ReadJsonAsync()).GetProperty("errors").TryGetProperty("role", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badPassword.StatusCode);
        Assert.True((await badPassword.ReadJsonAsync()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(users.GetProperty("items").EnumerateArray(), u => u.GetProperty("username").GetString() == "new.user1");
    }

    [Fact]
    public async Task CreateUser_ThenAgain_Is201Then409_AndTheAuditTrailRecordsIt()
    {
        var admin = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.Admin));
        var auditor = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.Auditor));
        var body = new { username = "nora.api", displayName = "Nora", role = "marketing", password = "long enough password" };

        var first = await admin.PostAsJsonAsync("/api/admin/users", body);
        var second = await admin.PostAsJsonAsync("/api/admin/users", body);
        var audit = await (await auditor.GetAsync("/api/audit?pageSize=500")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains(audit.GetProperty("records").EnumerateArray(), r => r.GetProperty("subject").GetString() == "user:nora.api" && r.GetProperty("action").GetString() == "account.created");
    }

    [Fact]
    public async Task Audit_BadDay_Is400()
    {
        var auditor = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.Auditor));

        var response = await auditor.GetAsync("/api/audit?day=23/11/2026");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("day", out _));
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        var response = await Host.CreateApiClient().GetAsync("/health");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
