using System.Net;
using System.Net.Http.Json;
using EsgTrace.Accounts;
using Xunit;
using static EsgTrace.Portal.Tests.SupplierPortal.SupplierPortalSetup;

namespace EsgTrace.Portal.Tests.SupplierPortal;

/// <summary>Two suppliers, each with a lot and a request: each one's key tries the other's ids on every endpoint it can reach.</summary>
[Collection(PortalCollection.Name)]
public sealed class SupplierScopingApiTests(PortalFixture portal)
{
    [Fact]
    public async Task ASupplier_NeverReadsOrAnswersAnotherSuppliersData()
    {
        using var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var a = await RecordAsync(supply, "a" + Guid.NewGuid().ToString("N")[..6]);
        var b = await RecordAsync(supply, "b" + Guid.NewGuid().ToString("N")[..6]);
        await Ok(supply.PutAsJsonAsync($"/api/supplier-requests/{b.Request}-cert", new { kind = "certificate", supplierId = b.Supplier, scheme = "GOTS", message = "Your GOTS certificate." }));

        foreach (var (me, other) in new[] { (a, b), (b, a) })
        {
            using var own = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Supplier, "supplier " + me.Supplier, me.Supplier));

            // Its own: the supplier record, its lot, its requests, and nothing of the other's in any list.
            Assert.Equal(me.Supplier, (await Json(own.GetAsync("/api/supplier-portal/supplier"))).GetProperty("id").GetString());
            var lots = (await Json(own.GetAsync("/api/supplier-portal/lots"))).GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetString()).ToList();
            Assert.Equal([me.Lot], lots);
            var requests = (await Json(own.GetAsync("/api/supplier-portal/requests"))).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
            Assert.Contains(me.Request, requests);
            Assert.DoesNotContain(requests, r => r.StartsWith(other.Request, StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/supplier-portal/lots/{me.Lot}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/supplier-portal/requests/{me.Request}")).StatusCode);

            // The other's ids on every supplier endpoint: not found, as if they did not exist, and nothing changes.
            var otherBefore = await Json(supply.GetAsync($"/api/supplier-requests/{other.Request}"));
            foreach (var (method, path, body) in new (string, string, object?)[]
            {
                ("GET", $"/api/supplier-portal/lots/{other.Lot}", null),
                ("GET", $"/api/supplier-portal/requests/{other.Request}", null),
                ("GET", $"/api/supplier-portal/requests/{other.Request}-cert", null),
                ("POST", $"/api/supplier-portal/requests/{other.Request}/footprint", Footprint(Guid.NewGuid().ToString())),
                ("POST", $"/api/supplier-portal/requests/{other.Request}-cert/certificate", new { scheme = "GOTS", number = "CU-1", validFrom = "2026-01-01", validTo = "2026-12-31" }),
            })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await own.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{me.Supplier}: {method} {path} answered {(int)response.StatusCode}");
            }

            Assert.Equal(otherBefore.GetRawText(), (await Json(supply.GetAsync($"/api/supplier-requests/{other.Request}"))).GetRawText());

            // The brand's records and requests are not the supplier's to read, its own included.
            foreach (var path in new[] { "/api/supplier-requests", $"/api/supplier-requests/{other.Request}", $"/api/supplier-requests/{me.Request}", "/api/suppliers", $"/api/suppliers/{other.Supplier}", $"/api/lots/{other.Lot}", $"/api/lots/{me.Lot}", $"/api/products/{other.Product}/footprint", "/api/shipments", "/events", "/api/audit" })
            {
                Assert.True((await own.GetAsync(path)).StatusCode == HttpStatusCode.Forbidden, $"{me.Supplier}: GET {path}");
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync($"/api/supplier-requests/{me.Request}/answers/1/accept", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync("/api/supplier-invitations", new { supplierId = other.Supplier })).StatusCode);
        }
    }
}
