using System.Net;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests.Observability;

/// <summary>/health for load balancers (status only) and /health/ready (details for the it and admin roles) on a real portal.</summary>
public sealed class HealthApiTests(ObservabilityFixture portal) : IClassFixture<ObservabilityFixture>
{
    [Fact]
    public async Task Health_IsAnonymous_AndSaysTheStatusOnly()
    {
        var response = await portal.Host.CreateApiClient().GetAsync("/health");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(["status"], body.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.It)]
    public async Task Ready_ShowsEachCheck_ToTheOperationsRoles(Role role)
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, role, "ready " + role));

        var response = await api.GetAsync("/health/ready");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var storage = body.GetProperty("checks").GetProperty("storage");
        Assert.Equal("healthy", storage.GetProperty("status").GetString());
        Assert.Equal("ok", storage.GetProperty("data").GetProperty("tables").GetString());
        Assert.Equal("ok", storage.GetProperty("data").GetProperty("blobs").GetString());
        var disk = body.GetProperty("checks").GetProperty("disk");
        Assert.Equal("healthy", disk.GetProperty("status").GetString());
        Assert.True(disk.GetProperty("data").GetProperty("freeMegabytes").GetInt64() > 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Role.SupplyChain)]
    [InlineData(Role.Auditor)]
    public async Task Ready_SaysTheStatusOnly_ToEveryoneElse(Role? role)
    {
        var api = portal.Host.CreateApiClient(role is { } r ? await ApiTestSupport.IssueKeyAsync(portal.Host, r, "ready " + r) : null);

        var response = await api.GetAsync("/health/ready");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["status"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task DataDiskBelowTheThreshold_IsUnhealthy_503()
    {
        using var directory = new TempDirectory();
        // No disk here has 100 TB free: the threshold is above the real free space, as on a full disk.
        using var host = new PortalHost(directory.Path, new Dictionary<string, string?> { ["Health:MinimumFreeDiskMegabytes"] = "100000000", ["Platform:FootprintMinutes"] = "0" });
        var admin = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.Admin));

        var health = await host.CreateApiClient().GetAsync("/health");
        var ready = await admin.GetAsync("/health/ready");
        var body = await ready.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", (await health.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var disk = body.GetProperty("checks").GetProperty("disk");
        Assert.Equal("unhealthy", disk.GetProperty("status").GetString());
        Assert.Contains("MinimumFreeDiskMegabytes", disk.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(100000000, disk.GetProperty("data").GetProperty("minimumFreeMegabytes").GetInt64());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }
}
