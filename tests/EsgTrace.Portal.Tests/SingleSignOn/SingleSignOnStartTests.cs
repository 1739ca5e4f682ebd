using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests.SingleSignOn;

/// <summary>Half-configured single sign-on stops the portal at start, naming what is missing, instead of failing at the first sign-in.</summary>
public sealed class SingleSignOnStartTests
{
    [Fact]
    public void AuthorityWithoutClientId_StopsTheStart_NamingTheSetting()
    {
        using var directory = new TempDirectory();

        var error = Record.Exception(() => new PortalHost(directory.Path, new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = "https://login.example.com/",
            ["Auth:Oidc:RoleMap:esg-boss"] = "boss",
        }).Dispose());

        var message = error?.GetBaseException().Message ?? string.Empty;
        Assert.Contains("Auth:Oidc:ClientId is required", message, StringComparison.Ordinal);
        Assert.Contains("RoleMap:esg-boss maps to 'boss'", message, StringComparison.Ordinal);
    }
}
