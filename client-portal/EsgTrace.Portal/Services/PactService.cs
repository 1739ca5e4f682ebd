using System.Text.Json;
using EsgTrace.Analysis;
using EsgTrace.Claims;
using EsgTrace.Domain;
using EsgTrace.Pact;
using EsgTrace.SupplyChain;
using Microsoft.Extensions.Options;

namespace EsgTrace.Portal.Services;

/// <summary>PACT footprint exchange: our product footprints as issued ProductFootprints (v2.3 and v3.0), and suppliers' footprints imported as lot factors.</summary>
public sealed class PactService(IGrainFactory grains, IOptions<OrganisationOptions> organisation, IOptions<PactOptions> pact, PublicAddress address)
{
    private PactOrganisation Organisation => new(
        organisation.Value.Name ?? "EsgTrace demo organisation",
        [pact.Value.CompanyId],
        pact.Value.ProductCategoryCpc);

    /// <summary>The CloudEvents source of the events we send: our own /3/events.</summary>
    public string EventSource => address.BaseUrl.AbsoluteUri.TrimEnd('/') + "/3/events";

    /// <summary>The current footprint document (v2.3) of a product, or null when it cannot be published (no footprint, period or mass).</summary>
    public async Task<JsonElement?> CurrentAsync(ProductView product)
    {
        var analysis = await grains.GetGrain<IProductAnalysisGrain>(0).AnalyzeProduct(product.Id, null);
        if (!analysis.IsOk)
        {
            return null;
        }

        var (body, _) = PactFootprintBuilder.Build(product, analysis.Value!, Organisation);
        var (bodyV3, _) = PactV3FootprintBuilder.Build(product, analysis.Value!, Organisation, pact.Value.GeographyCountry);
        if (body is null || bodyV3 is null)
        {
            return null;
        }

        var doc = await grains.GetGrain<IPactFootprintGrain>(product.Id).Issue(analysis.Value!.FootprintLineage!.RootSha256, body.ToJsonString(), bodyV3.ToJsonString(), EventSource);
        return JsonDocument.Parse(doc).RootElement.Clone();
    }

    /// <summary>A page of current footprints (v2.3), walking the products in id order from <paramref name="after"/>.</summary>
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

    /// <summary>
    /// A page of v3.0 footprints meeting <paramref name="criteria"/>: every issued one (the current and, unless the status
    /// says otherwise, the deprecated ones), walking the products in id order. The cursor is "product id|footprints of
    /// that product already listed", so a page never holds more than <paramref name="limit"/>.
    /// </summary>
    public async Task<(List<JsonElement> Items, string? Next)> ListV3Async(PactFootprintCriteria criteria, string? after, int limit)
    {
        var items = new List<JsonElement>();
        string? productCursor = null;
        var skip = 0;
        if (after is { } a && a.LastIndexOf('|') is var bar and > 0 && int.TryParse(a[(bar + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0)
        {
            productCursor = a[..bar];
            skip = s;
        }

        // The product named by the cursor is read again (its footprints from 'skip' on), so the scan starts just before it.
        var listFrom = productCursor is null ? null : productCursor[..^1] + (char)(productCursor[^1] - 1) + "\uffff";
        while (true)
        {
            var page = await grains.GetGrain<ISupplyChainDirectoryGrain>(0).List<ProductView>(SupplyChainLists.Products, SupplyChainLists.All, listFrom, Math.Max(limit, 20));
            foreach (var product in page.Items)
            {
                if (productCursor is not null && string.CompareOrdinal(product.Id, productCursor) < 0)
                {
                    continue;
                }

                var from = product.Id == productCursor ? skip : 0;
                await CurrentAsync(product);
                var docs = await grains.GetGrain<IPactFootprintGrain>(product.Id).AllV3();
                // Newest first within a product: the active footprint before the ones it deprecated.
                var matching = docs.Reverse().Select(d => JsonDocument.Parse(d).RootElement.Clone()).Where(criteria.Matches).ToList();
                for (var i = from; i < matching.Count; i++)
                {
                    if (items.Count == limit)
                    {
                        return (items, $"{product.Id}|{i}");
                    }

                    items.Add(matching[i]);
                }

                productCursor = null;
            }

            if (page.NextAfterKey is null)
            {
                return (items, null);
            }

            listFrom = page.NextAfterKey;
        }
    }

    /// <summary>The active v3.0 footprints meeting the criteria of a request (at most 100).</summary>
    public async Task<List<JsonElement>> ActiveMatchingAsync(PactFootprintCriteria criteria)
    {
        var active = criteria with { Status = criteria.Status ?? "Active" };
        var (items, _) = await ListV3Async(active, null, 100);
        return [.. items.Where(i => i.GetProperty("status").GetString() == "Active")];
    }

    /// <summary>Whether any product of ours carries one of these product ids (GTIN or our own URN), footprint or not.</summary>
    public async Task<bool> HoldsAnyAsync(IEnumerable<string> productIds)
    {
        foreach (var urn in productIds)
        {
            var lower = urn.ToLowerInvariant();
            if (lower.StartsWith("urn:gtin:", StringComparison.Ordinal) && lower.Length is > 9 and <= 23 && lower[9..].All(char.IsAsciiDigit)
                && await grains.GetGrain<ISupplyChainDirectoryGrain>(0).Find(SupplyChainLists.ProductsByGtin, SupplyChainLists.Gtin14(lower[9..])!) is not null)
            {
                return true;
            }

            if (lower.StartsWith("urn:esgtrace:product:", StringComparison.Ordinal) && await grains.GetGrain<IProductGrain>(urn["urn:esgtrace:product:".Length..]).Get() is not null)
            {
                return true;
            }
        }

        return false;
    }

    public async Task<JsonElement?> GetAsync(string footprintId)
    {
        if (await ProductOfAsync(footprintId) is not { } productId)
        {
            return null;
        }

        var doc = await grains.GetGrain<IPactFootprintGrain>(productId).Get(footprintId);
        return doc is null ? null : JsonDocument.Parse(doc).RootElement.Clone();
    }

    public async Task<JsonElement?> GetV3Async(string footprintId)
    {
        if (await ProductOfAsync(footprintId) is not { } productId)
        {
            return null;
        }

        var doc = await grains.GetGrain<IPactFootprintGrain>(productId).GetV3(footprintId);
        return doc is null ? null : JsonDocument.Parse(doc).RootElement.Clone();
    }

    /// <summary>The product a footprint id was issued for (its current footprint brought up to date first), or null.</summary>
    public async Task<string?> ProductOfAsync(string footprintId)
    {
        if (!Guid.TryParseExact(footprintId, "D", out _) || await grains.GetGrain<ISupplyChainDirectoryGrain>(0).Find(SupplyChainLists.PactFootprints, footprintId.ToLowerInvariant()) is not { } productId)
        {
            return null;
        }

        if (await grains.GetGrain<IProductGrain>(productId).Get() is { } view)
        {
            await CurrentAsync(view);
        }

        return productId;
    }

    /// <summary>
    /// Imports a supplier's PACT footprint (v2.3 or v3.0) as the lot's primary factor (a correction naming the document),
    /// keeping the document as evidence. <paramref name="origin"/> says where it came from (e.g. the partner).
    /// </summary>
    public async Task<Outcome<LotView>> ImportAsync(string lotId, JsonElement pf, byte[] raw, string actor, string? origin = null)
    {
        if (pf.ValueKind != JsonValueKind.Object)
        {
            return DomainProblem.Invalid("productFootprint", "The ProductFootprint must be a JSON object.");
        }

        var v3 = PactFieldRules.Text(pf, "specVersion") is { } spec && spec.StartsWith("3.", StringComparison.Ordinal);
        var errors = v3 ? PactV3Rules.Check(pf) : PactFieldRules.Check(pf);
        if (errors.Count > 0)
        {
            return DomainProblem.Invalid(new Dictionary<string, string[]> { ["productFootprint"] = [.. errors] });
        }

        var perKg = v3 ? PactLotFactor.PerKilogramV3(pf) : PactLotFactor.PerKilogramV2(pf);
        if (!perKg.IsOk)
        {
            return perKg.Problem!;
        }

        var lot = grains.GetGrain<IMaterialLotGrain>(lotId);
        if (await lot.Get() is not { } view)
        {
            return FactRules.NotRecorded("lot", lotId);
        }

        var info = await grains.GetGrain<IDocumentStoreGrain>(0).Store("pactfootprints", lotId, raw, "application/json");
        var source = PactLotFactor.Source(pf, info.Sha256, origin);
        var input = view.Lot with { Factor = new LotFactorInput(Factors.FactorSourceKind.Primary, perKg.Value!.Value, "kg", source, null) };
        return await lot.Correct(input, view.Version, $"Primary PCF imported from PACT footprint {PactFieldRules.Text(pf, "id")}" + (origin is null ? string.Empty : " (" + origin + ")"), actor);
    }
}
