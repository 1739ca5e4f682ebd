using EsgTrace.Portal.Auth;
using Xunit;

namespace EsgTrace.Portal.Tests.SingleSignOn;

/// <summary>The pure parts of single sign-on: role mapping, return addresses and the settings check.</summary>
public sealed class SingleSignOnRolesTests
{
    private static readonly Dictionary<string, string> Map = new() { ["esg-supply"] = "supply-chain", ["admin"] = string.Empty };

    [Theory]
    [InlineData(new[] { "marketing" }, new[] { "marketing" })]
    [InlineData(new[] { "Marketing", "staff" }, new[] { "marketing" })]
    [InlineData(new[] { "esg-supply", "staff" }, new[] { "supply-chain" })]
    [InlineData(new[] { "ESG-SUPPLY", "supply-chain" }, new[] { "supply-chain" })]
    [InlineData(new[] { "marketing", "auditor" }, new[] { "marketing", "auditor" })]
    [InlineData(new[] { "admin" }, new string[0])]
    [InlineData(new[] { "staff", "visitor" }, new string[0])]
    [InlineData(new string[0], new string[0])]
    [InlineData(new[] { "supplier" }, new string[0])] // bound to a supplier id, which a role claim cannot carry
    [InlineData(new[] { "supplier", "marketing" }, new[] { "marketing" })]
    public void Map_GivesTheDistinctRoles(string[] providerValues, string[] expected)
    {
        var roles = SingleSignOnRoles.Map(providerValues, Map);

        Assert.Equal(expected.Order(), roles.Select(r => r.Name()).Order());
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/claims?tab=2", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("claims", false)]
    [InlineData("/claims\r\nSet-Cookie: x=y", false)]
    public void LocalUrls_AcceptOnlyPathsOnThisPortal(string url, bool local) => Assert.Equal(local, LocalUrls.IsLocal(url));

    [Fact]
    public void Options_NotConfigured_HaveNoProblems() => Assert.Empty(new SingleSignOnOptions().Problems());

    [Fact]
    public void Options_Configured_NameEachProblem()
    {
        var options = new SingleSignOnOptions
        {
            Authority = "http://login.example.com/",
            Scopes = "profile",
            RoleMap = new() { ["esg-boss"] = "boss" },
        };

        var problems = options.Problems();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("Auth:Oidc:Authority is http", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Auth:Oidc:ClientId is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("must include openid", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("RoleMap:esg-boss maps to 'boss'", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_AValidConfiguration_HasNoProblems()
        => Assert.Empty(new SingleSignOnOptions { Authority = "https://login.example.com/", ClientId = "esgtrace", RoleMap = new() { ["esg-supply"] = "supply-chain" } }.Problems());
}
