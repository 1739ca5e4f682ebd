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
    /// <summary>The supplier a supplier key is bound to when a test names none (tests that loop over every role).</summary>
    public const string DefaultSupplierId = "test-supplier-unbound";

    /// <summary>Issues a key through the platform's own service (as an admin would in the portal) and returns its token.</summary>
    /// <remarks>A supplier key is bound to <paramref name="supplierId"/> (default <see cref="DefaultSupplierId"/>, which need not exist).</remarks>
    public static async Task<string> IssueKeyAsync(PortalHost host, Role role, string name = "test client", string? supplierId = null)
    {
        var binding = role == Role.Supplier ? supplierId ?? DefaultSupplierId : null;
        var outcome = await host.Services.GetRequiredService<AccountService>().IssueApiKeyAsync(name, role, "test-setup", binding);
        return outcome.Value?.Token ?? throw new InvalidOperationException(outcome.Problem?.Detail);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<JsonElement>())!;
}
