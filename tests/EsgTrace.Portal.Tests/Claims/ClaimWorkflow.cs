using System.Net.Http.Json;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests.Claims;

/// <summary>Takes a claim through the HTTP API on the test supply chain (<see cref="TestSupplyChain"/>: 1.021853056 kg CO2e per T-shirt).</summary>
public static class ClaimWorkflow
{
    public static object Draft(string product, decimal limit, string wording) => new
    {
        productId = product,
        type = "footprint-at-most",
        threshold = limit,
        wording,
        validUntil = "2030-12-31",
    };

    /// <summary>Records the test chain under <paramref name="p"/> and takes a 1.1 kg CO2e claim <c>{p}-claim</c> on its T-shirt through to publication.</summary>
    public static async Task<(HttpClient Supply, HttpClient Marketing, string Fabric, JsonElement Verified, JsonElement Published)> PublishAsync(PortalHost host, string p)
    {
        var supply = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.SupplyChain));
        var (tee, fabric) = await TestSupplyChain.RecordAsync(supply, p);
        var marketing = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.Marketing));
        var auditor = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.Auditor));
        await OkAsync(marketing.PutAsJsonAsync($"/api/claims/{p}-claim", Draft(tee, 1.1m, "Cradle-to-gate footprint of at most 1.1 kg CO2e per T-shirt")));
        var verified = await OkAsync(marketing.PostAsync($"/api/claims/{p}-claim/verify", null));
        await OkAsync(auditor.PostAsync($"/api/claims/{p}-claim/approve", null));
        var published = await OkAsync(marketing.PostAsync($"/api/claims/{p}-claim/publish", null));
        return (supply, marketing, fabric, verified, published);
    }

    /// <summary>The text of the claim's proof PDF, as pdftotext reads it.</summary>
    public static async Task<string> ProofTextAsync(HttpClient client, string claimId)
    {
        var proof = await client.GetByteArrayAsync($"/verify/{claimId}/proof.pdf");
        var path = Path.Combine(Path.GetTempPath(), $"esgtrace-proof-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, proof);
        try
        {
            var (exit, text) = Poppler.Run("pdftotext", path, "-");
            Assert.True(exit == 0, text);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }
}
