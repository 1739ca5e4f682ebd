using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>The fuzz test's own parts, shown able to fail: the state snapshot sees a write, the generator keeps the declared shape.</summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzMachineryTests(FuzzPortalFixture portal)
{
    [Fact]
    public async Task StateSnapshot_NamesTheListingsAnAcceptedWriteChanged()
    {
        var (document, roles) = await DocumentAndRolesAsync();
        var (readers, _) = await StateSnapshot.FindReadersAsync(document, roles);
        var (before, _) = await StateSnapshot.TakeAsync(readers);
        var (again, _) = await StateSnapshot.TakeAsync(readers);
        Assert.Empty(before.Differences(again));

        var supply = roles[Enum.GetValues<Role>().ToList().IndexOf(Role.SupplyChain)];
        var id = "fz-snapshot-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.OK, (await supply.PutAsJsonAsync($"/api/suppliers/{id}", new { name = "Snapshot probe", country = "DE", tier = 1 })).StatusCode);
        var (after, _) = await StateSnapshot.TakeAsync(readers);

        var changed = before.Differences(after);
        Assert.Contains(changed, c => c.StartsWith("/api/suppliers:", StringComparison.Ordinal));
        Assert.Contains(changed, c => c.StartsWith("/api/audit:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GeneratedBodies_WithoutHostileNodes_AreWellFormedJson_WithTheRequiredMembersMostly()
    {
        var (document, _) = await DocumentAndRolesAsync();
        var bodies = new SchemaBodies(document, hostility: 0);
        var withSchema = document.Operations.Where(o => o.Body?.Schema is not null && o.Body.MediaTypes.Any(m => m.Contains("json", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(withSchema);
        foreach (var operation in withSchema)
        {
            var schema = document.Resolve(operation.Body!.Schema!.Value);
            var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToList() : [];
            var samples = bodies.For(operation.Body.Schema.Value).Array[50].Single(_ => true, new PCG(7, 20261201).ToString());
            foreach (var text in samples)
            {
                using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 1_000 });
                foreach (var name in required.Where(_ => json.RootElement.ValueKind == JsonValueKind.Object))
                {
                    Assert.True(samples.Count(s => s.Contains(JsonText.Quote(name) + ":", StringComparison.Ordinal)) > samples.Length / 2,
                        $"{operation.Key}: required member {name} is missing from most generated bodies");
                }
            }
        }
    }

    private async Task<(OpenApiDescription Document, List<HttpClient> Roles)> DocumentAndRolesAsync()
    {
        using var anonymous = portal.Host.CreateApiClient();
        var document = OpenApiDescription.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var roles = new List<HttpClient>();
        foreach (var role in Enum.GetValues<Role>())
        {
            roles.Add(portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, role, "fuzz machinery " + role)));
        }

        return (document, roles);
    }
}
