using System.Net;
using EsgTrace.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Observability;

/// <summary>The Orleans dashboard's JSON endpoints, called as a machine would: it and admin only, its grain-state viewer admin only.</summary>
public sealed class DashboardApiTests(ObservabilityFixture portal) : IClassFixture<ObservabilityFixture>
{
    private PortalHost Host => portal.Host;

    [Theory]
    [InlineData(Role.It)]
    [InlineData(Role.Admin)]
    public async Task ClusterStats_AnswerTheOperationsRoles(Role role)
    {
        var api = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, role, "dashboard " + role));

        var stats = await api.GetAsync("/dashboard/ClusterStats");
        var counters = await api.GetAsync("/dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.True((await counters.ReadJsonAsync()).GetProperty("hosts").GetArrayLength() >= 1);
    }

    // Found by the API fuzz test: the dashboard parses these route values as silo addresses and answered 500 to anything else.
    [Theory]
    [InlineData("/dashboard/SiloProperties/")]
    [InlineData("/dashboard/SiloMetadata/")]
    [InlineData("/dashboard/SiloStats/")]
    [InlineData("/dashboard/SiloCounters/")]
    [InlineData("/dashboard/HistoricalStats/")]
    public async Task PerSiloCalls_RefuseAValueThatIsNotASiloAddress_AndAnswerARealOne(string path)
    {
        var api = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.It, "dashboard silo " + path));
        var silo = Host.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString();

        foreach (var junk in new[] { "fz-1", "a%3Ab", "~", "a%2Fb", "S127.0.0.1:notaport:1" })
        {
            var refused = await api.GetAsync(path + junk);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{path}{junk}: {(int)refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        var answered = await api.GetAsync(path + Uri.EscapeDataString(silo));
        Assert.True(answered.StatusCode == HttpStatusCode.OK, $"{path}{silo}: {(int)answered.StatusCode}");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Role.SupplyChain, HttpStatusCode.Forbidden)]
    [InlineData(Role.Marketing, HttpStatusCode.Forbidden)]
    [InlineData(Role.Auditor, HttpStatusCode.Forbidden)]
    public async Task DashboardCalls_RefuseAnonymousAndOtherRoles(Role? role, HttpStatusCode expected)
    {
        var api = Host.CreateApiClient(role is { } r ? await ApiTestSupport.IssueKeyAsync(Host, r, "no dashboard " + r) : null);

        foreach (var path in new[] { "/dashboard/", "/dashboard/ClusterStats", "/dashboard/index.min.js", "/dashboard/Trace", "/dashboard/GrainTypes" })
        {
            var response = await api.GetAsync(path);
            Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode}, expected {(int)expected}");
        }
    }

    [Fact]
    public async Task GrainStateViewer_IsForTheAdminOnly()
    {
        var it = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.It, "grain state it"));
        var admin = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.Admin, "grain state admin"));
        const string path = "/dashboard/GrainState?grainId=0&grainType=EsgTrace.Health.HealthProbeGrain";

        var refused = await it.GetAsync(path);
        var allowed = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, allowed.StatusCode);
    }
}
