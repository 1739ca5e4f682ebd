using System.Net.Http.Json;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.ApiKeys;
using EsgTrace.Portal.Services;
using Microsoft.Extensions.DependencyInjection;

namespace EsgTrace.Portal.Tests;

/// <summary>Helpers shared by the API tests.</summary>
public static class ApiTestSupport
{
    /// <summary>Issues a key through the platform's own service (as an admin would in the portal) and returns its token.</summary>
    public static async Task<string> IssueKeyAsync(PortalHost host, Role role, string name = "test client")
    {
        var outcome = await host.Services.GetRequiredService<AccountService>().IssueApiKeyAsync(name, role, "test-setup");
        return outcome.Value?.Token ?? throw new InvalidOperationException(outcome.Problem?.Detail);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<JsonElement>())!;
}
