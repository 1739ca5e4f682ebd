using EsgTrace.Claims;
using EsgTrace.Domain;
using EsgTrace.GreenIt;
using EsgTrace.Signing;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using NodaTime;
using Orleans.Concurrency;

namespace EsgTrace.Scorecard;

/// <summary>
/// Loads what the scorecard shows through the grains that own it (claims re-checked like the claim list, product and batch
/// analyses, the green-IT dashboard) and builds it. Bounded: at most <see cref="MaxProducts"/> products and the latest
/// <see cref="MaxBatches"/> batches of each.
/// </summary>
[StatelessWorker]
public sealed class ScorecardGrain(IIndexStore index, IDocumentSigner signer, IClock clock) : Grain, IScorecardGrain
{
    public const int MaxProducts = 20;
    public const int MaxBatches = 12;

    public async Task<Outcome<Scorecard>> Build(LocalDate from, LocalDate to)
    {
        var it = await GrainFactory.GetGrain<IGreenItAnalysisGrain>(0).Dashboard(from, to, null);
        if (!it.IsOk)
        {
            return it.Problem!;
        }

        var claims = await ClaimsAsync();
        var products = await ProductsAsync();
        return Outcome<Scorecard>.Ok(ScorecardBuilder.Build(from, to, clock.GetCurrentInstant().InUtc().Date, claims, products, it.Value!));
    }

    public async Task<Outcome<byte[]>> Report(LocalDate from, LocalDate to, Uri baseUrl)
    {
        var built = await Build(from, to);
        if (!built.IsOk)
        {
            return built.Problem!;
        }

        try
        {
            return Outcome<byte[]>.Ok(await ScorecardReportBuilder.SignedPdfAsync(built.Value!, clock.GetCurrentInstant(), baseUrl, signer));
        }
        catch (Reports.Signing.TimestampAuthorityException ex)
        {
            return new DomainProblem(ProblemKind.Unavailable, "No timestamp for the scorecard.", ex.Message + " Ask for the PDF again when the authority answers.");
        }
    }

    private async Task<List<ClaimView>> ClaimsAsync()
    {
        var listed = await JsonIndex.ReadAllAsync<ClaimView>(index, "claims", "all");
        var claims = new List<ClaimView>(listed.Count);
        foreach (var c in listed)
        {
            // Live claims are re-checked, as the claim list does, so the scorecard never shows a broken claim as valid.
            claims.Add(c.Status is ClaimStatus.Published or ClaimStatus.AtRisk ? await GrainFactory.GetGrain<IClaimGrain>(c.Id).Monitor() ?? c : c);
        }

        return claims;
    }

    private async Task<List<ProductFootprintSeries>> ProductsAsync()
    {
        var (products, _) = await JsonIndex.ScanAsync<ProductView>(index, SupplyChainLists.Products, SupplyChainLists.All, null, MaxProducts);
        var analysis = GrainFactory.GetGrain<IProductAnalysisGrain>(0);
        var series = new List<ProductFootprintSeries>();
        foreach (var p in products)
        {
            var now = await analysis.AnalyzeProduct(p.Id, null);
            var batches = (await JsonIndex.ReadAllAsync<BatchView>(index, SupplyChainLists.Batches, p.Id))
                .Where(b => b.WithdrawnReason is null).OrderByDescending(b => b.Batch.ProducedAt.ToInstant()).Take(MaxBatches).ToList();
            var points = new List<FootprintPoint>();
            foreach (var b in batches)
            {
                var one = await analysis.AnalyzeScope(ClaimScope.Batch, p.Id, [b.Id]);
                var kg = one.Value?.Footprint?.TotalKgCo2e;
                points.Add(new FootprintPoint(b.Id, b.Batch.ProducedAt.Date, kg, kg is null ? one.Value?.FootprintProblem ?? one.Problem?.Detail : null));
            }

            var result = now.Value;
            series.Add(ScorecardBuilder.Series(
                p.Id, p.Product.Name, result?.Footprint?.DeclaredUnit ?? "declared unit", result?.Footprint?.TotalKgCo2e,
                result is null ? now.Problem?.Detail : result.FootprintProblem, result?.Dataset.ToString() ?? string.Empty, points));
        }

        return series;
    }
}
