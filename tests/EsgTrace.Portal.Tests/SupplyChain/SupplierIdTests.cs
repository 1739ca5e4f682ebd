using System.Net;
using System.Net.Http.Json;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests.SupplyChain;

/// <summary>
/// One id rule (<c>Validation.IsId</c>) that every store accepts: ids with ':' and '..' (valid ids; they once made evidence
/// uploads answer 500, since a blob name may hold neither) work for every operation, on SQLite + files and on Azure
/// Tables + Blobs (Azurite); ids outside the rule are refused with 400 before any store sees them.
/// </summary>
public sealed class SupplierIdTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Embedded_IdsWithColonsAndDots_WorkForEveryOperation()
    {
        using var directory = new TempDirectory();
        using var host = new PortalHost(directory.Path);
        await AssertEveryOperationWorksAsync(host);
    }

    [Fact]
    public async Task AzureStorage_IdsWithColonsAndDots_WorkForEveryOperation()
    {
        using var directory = new TempDirectory();
        using var host = new PortalHost(directory.Path, new Dictionary<string, string?>
        {
            ["Storage:Backend"] = "AzureStorage",
            ["Storage:Azure:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Azure:TablePrefix"] = AzuriteFixture.UniquePrefix(),
        });
        await AssertEveryOperationWorksAsync(host);
    }

    private static async Task AssertEveryOperationWorksAsync(PortalHost host)
    {
        var api = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.SupplyChain));
        foreach (var id in new[] { "urn:acme:eu", "acme..mill", "a:..:b", "acme:..mill" })
        {
            var path = Uri.EscapeDataString(id);
            await Ok(api.PutAsJsonAsync($"/api/suppliers/{path}", new { name = "Mill " + id, country = "IN", tier = 2 }));
            await Ok(api.PutAsJsonAsync($"/api/suppliers/{path}?reason=rename", new { name = "Mill " + id + " (renamed)", country = "IN", tier = 2 }));
            var certified = await Ok(api.PostAsJsonAsync($"/api/suppliers/{path}/certificates", new
            {
                scheme = "GOTS", number = "CU-" + id, validFrom = "2026-01-01", validTo = "2026-12-31",
                evidenceBase64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("%PDF-1.7 certificate of " + id)), evidenceContentType = "application/pdf",
            }));
            Assert.Contains("CU-" + id, certified, StringComparison.Ordinal);
            await Ok(api.PutAsJsonAsync($"/api/lots/{path}", new { material = "cotton", quantity = 100, unit = "kg", supplierId = id, originCountry = "IN", certificationScheme = "GOTS", recycledShare = 0m, factor = new { kind = "primary", kgCo2ePerUnit = 1m, perUnit = "kg", source = "test" }, inputLotIds = Array.Empty<string>() }));
            Assert.Contains(id, await Ok(api.GetAsync($"/api/suppliers/{path}")), StringComparison.Ordinal);
            Assert.Contains(id, await Ok(api.GetAsync($"/api/lots/{path}")), StringComparison.Ordinal);
        }

        Assert.Contains("urn:acme:eu", await Ok(api.GetAsync("/api/suppliers?pageSize=500")), StringComparison.Ordinal);
        foreach (var bad in new[] { "a/b", "a#b", "a?b", "a\\b", ".hidden", "a b" })
        {
            var refused = await api.PutAsJsonAsync($"/api/suppliers/{Uri.EscapeDataString(bad)}", new { name = "X", country = "IN", tier = 1 });
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{bad}: {(int)refused.StatusCode}");
        }
    }

    private static async Task<string> Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body;
    }
}
