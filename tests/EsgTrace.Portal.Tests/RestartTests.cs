using System.Net;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests;

/// <summary>Stop the whole platform and start it again on the same data folder: accounts and keys are still there.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task DataWrittenBeforeARestart_IsThereAfterIt()
    {
        using var directory = new TempDirectory();
        string token;
        using (var first = new PortalHost(directory.Path))
        {
            token = await ApiTestSupport.IssueKeyAsync(first, Role.Auditor, "survives restarts");
            Assert.Equal(HttpStatusCode.OK, (await first.CreateApiClient(token).GetAsync("/api/me")).StatusCode);
        }

        using var second = new PortalHost(directory.Path);
        var me = await second.CreateApiClient(token).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("auditor", (await me.ReadJsonAsync()).GetProperty("role").GetString());
        Assert.True(File.Exists(Path.Combine(directory.Path, "demo-credentials.txt")), "demo-credentials.txt missing; the folder holds: " + string.Join(", ", Directory.GetFileSystemEntries(directory.Path)));
    }
}
