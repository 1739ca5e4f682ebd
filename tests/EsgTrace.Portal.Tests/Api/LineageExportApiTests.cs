using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EsgTrace.Accounts;
using Xunit;

namespace EsgTrace.Portal.Tests.Api;

/// <summary>Lineage downloads: a product's and a claim's lineage as W3C PROV-JSON and as OpenLineage run events.</summary>
[Collection(PortalCollection.Name)]
public sealed class LineageExportApiTests(PortalFixture portal)
{
    [Fact]
    public async Task ProductLineage_AsProvAndOpenLineage_CarryTheSameRootHashAndInputs()
    {
        var client = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor));
        var lineage = await (await client.GetAsync("/api/products/demo-tee/lineage")).ReadJsonAsync();
        var footprint = lineage.GetProperty("footprint");
        var root = footprint.GetProperty("rootSha256").GetString()!;

        var provResponse = await client.GetAsync("/api/products/demo-tee/lineage?format=prov");
        var prov = await provResponse.ReadJsonAsync();
        var openLineage = await (await client.GetAsync("/api/products/demo-tee/lineage?format=openlineage")).ReadJsonAsync();

        Assert.Equal("attachment", provResponse.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(prov.GetProperty("activity").TryGetProperty("esg:calculation/" + root, out _));
        var inputs = footprint.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("sha256").GetString()).ToHashSet();
        var provHashes = prov.GetProperty("entity").EnumerateObject().Where(e => e.Value.TryGetProperty("esg:sha256", out _)).Select(e => e.Value.GetProperty("esg:sha256").GetString()).ToHashSet();
        Assert.Superset(inputs, provHashes);
        var run = openLineage.EnumerateArray().Single(e => e.GetProperty("outputs")[0].GetProperty("facets").GetProperty("esgtrace_contentHash").GetProperty("lineageRootSha256").GetString() == root);
        Assert.Equal(inputs.Count + footprint.GetProperty("datasets").GetArrayLength(), run.GetProperty("inputs").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/products/demo-tee/lineage?format=rdf")).StatusCode);
    }

    [Fact]
    public async Task ClaimLineage_NamesWhoDidEachStep_AndTheFiguresTheySaw()
    {
        var marketing = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Marketing));
        var draft = new { productId = "demo-hoodie", type = "recycled-content", threshold = 10, wording = "At least 10 % recycled polyester by mass in each hoodie", validUntil = "2030-12-31" };
        Assert.Equal(HttpStatusCode.OK, (await marketing.PutAsJsonAsync("/api/claims/lineage-claim", draft)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marketing.PostAsync("/api/claims/lineage-claim/verify", null)).StatusCode);

        var prov = await (await marketing.GetAsync("/api/claims/lineage-claim/lineage")).ReadJsonAsync();

        var claimId = "esg:claim/lineage-claim";
        Assert.True(prov.GetProperty("entity").TryGetProperty(claimId, out _));
        var attributed = prov.GetProperty("wasAttributedTo").EnumerateObject().Where(r => r.Value.GetProperty("prov:entity").GetString() == claimId).Select(r => r.Value.GetProperty("prov:agent").GetString()).ToList();
        Assert.NotEmpty(attributed);
        Assert.All(attributed, a => Assert.StartsWith("esg:user/", a, StringComparison.Ordinal));
        var derived = prov.GetProperty("wasDerivedFrom").EnumerateObject().Single(r => r.Value.GetProperty("prov:generatedEntity").GetString() == claimId);
        Assert.StartsWith("esg:result/", derived.Value.GetProperty("prov:usedEntity").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await marketing.GetAsync("/api/claims/no-such-claim/lineage")).StatusCode);
    }
}
