using EsgTrace.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using EsgTrace.Analysis;
using EsgTrace.Domain;
using EsgTrace.Pact;
using EsgTrace.SupplyChain;

namespace EsgTrace.Portal.Services;

/// <summary>PACT footprint exchange: our product footprints as issued ProductFootprints, and suppliers' footprints imported as lot factors.</summary>
public sealed class PactService(IGrainFactory grains, Microsoft.Extensions.Options.IOptions<OrganisationOptions> organisation, Microsoft.Extensions.Options.IOptions<PactOptions> pact)
{
    private PactOrganisation Organisation => new(
        organisation.Value.Name ?? "EsgTrace demo organisation",
        [pact.Value.CompanyId],
        pact.Value.ProductCategoryCpc);

    /// <summary>The current footprint document of a product, or null when it cannot be published (no footprint, period or mass).</summary>
    public async Task<JsonElement?> CurrentAsync(ProductView product)
    {
        var analysis = await grains.GetGrain<IProductAnalysisGrain>(0).AnalyzeProduct(product.Id, null);
        if (!analysis.IsOk)
        {
            return null;
        }

        var (body, _) = PactFootprintBuilder.Build(product, analysis.Value!, Organisation);
        if (body is null)
        {
            return null;
        }

        var doc = await grains.GetGrain<IPactFootprintGrain>(product.Id).Issue(analysis.Value!.FootprintLineage!.RootSha256, body.ToJsonString());
        return JsonDocument.Parse(doc).RootElement.Clone();
    }

    /// <summary>A page of current footprints, walking the products in id order from <paramref name="after"/>.</summary>
    public async Task<(List<JsonElement> Items, string? Next)> ListAsync(string? after, int limit)
    {
        var items = new List<JsonElement>();
        var cursor = after;
        while (items.Count < limit)
        {
            var page = await grains.GetGrain<ISupplyChainDirectoryGrain>(0).List<ProductView>(SupplyChainLists.Products, SupplyChainLists.All, cursor, limit);
            var (products, next) = (page.Items, page.NextAfterKey);
            foreach (var product in products)
            {
                cursor = product.Id;
                if (await CurrentAsync(product) is { } doc)
                {
                    items.Add(doc);
                    if (items.Count == limit)
                    {
                        return (items, next is null && product == products[^1] ? null : cursor);
                    }
                }
            }

            if (next is null)
            {
                return (items, null);
            }
        }

        return (items, cursor);
    }

    public async Task<JsonElement?> GetAsync(string footprintId)
    {
        if (!Guid.TryParseExact(footprintId, "D", out _) || await grains.GetGrain<ISupplyChainDirectoryGrain>(0).Find(SupplyChainLists.PactFootprints, footprintId) is not { } productId)
        {
            return null;
        }

        if (await grains.GetGrain<IProductGrain>(productId).Get() is { } view)
        {
            await CurrentAsync(view);
        }

        var doc = await grains.GetGrain<IPactFootprintGrain>(productId).Get(footprintId);
        return doc is null ? null : JsonDocument.Parse(doc).RootElement.Clone();
    }

    /// <summary>Imports a supplier's PACT footprint as the lot's primary factor (a correction naming the document), keeping the document as evidence.</summary>
    public async Task<Outcome<LotView>> ImportAsync(string lotId, JsonElement pf, byte[] raw, string actor)
    {
        var errors = PactFieldRules.Check(pf);
        if (errors.Count > 0)
        {
            return DomainProblem.Invalid(new Dictionary<string, string[]> { ["productFootprint"] = [.. errors] });
        }

        var pcf = pf.GetProperty("pcf");
        if (PactFieldRules.Text(pcf, "declaredUnit") != "kilogram")
        {
            return DomainProblem.Invalid("pcf.declaredUnit", "Lots are measured by mass, so only footprints declared per kilogram can become a lot's factor.");
        }

        var lot = grains.GetGrain<IMaterialLotGrain>(lotId);
        if (await lot.Get() is not { } view)
        {
            return FactRules.NotRecorded("lot", lotId);
        }

        var info = await grains.GetGrain<IDocumentStoreGrain>(0).Store("pactfootprints", lotId, raw, "application/json");
        var perKg = PactFieldRules.DecimalOf(pcf, "pCfExcludingBiogenic")!.Value;
        var source = $"PACT ProductFootprint {PactFieldRules.Text(pf, "id")} v{pf.GetProperty("version").GetInt32()} by {PactFieldRules.Text(pf, "companyName")} (spec {PactFieldRules.Text(pf, "specVersion")}, "
            + $"{PactFieldRules.Text(pcf, "referencePeriodStart")} to {PactFieldRules.Text(pcf, "referencePeriodEnd")}, pCfExcludingBiogenic per kilogram; document SHA-256 {info.Sha256})";
        var input = view.Lot with { Factor = new LotFactorInput(Factors.FactorSourceKind.Primary, perKg, "kg", source.Length > 300 ? source[..300] : source, null) };
        return await lot.Correct(input, view.Version, $"Primary PCF imported from PACT footprint {PactFieldRules.Text(pf, "id")}", actor);
    }
}
