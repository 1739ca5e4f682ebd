using System.Text.Json;
using EsgTrace.Analysis;
using EsgTrace.Factors;
using EsgTrace.Lineage;
using EsgTrace.SupplyChain;
using EsgTrace.Testing;
using EsgTrace.Time;

using Xunit;

namespace EsgTrace.Domain.Tests.Analysis;

/// <summary>Figures kept current lot by lot are, after any sequence of lot changes, the figures computed from nothing, to the bit.</summary>
public sealed class ProductFiguresTests
{
    [Theory]
    [InlineData(200, 0, false, 1)]
    [InlineData(300, 30, true, 2)]
    [InlineData(120, 10, true, 3)]
    public void Incremental_figures_equal_a_full_recompute_after_random_changes(int rawLots, int intermediates, bool uneven, int seed)
    {
        var chain = SyntheticSupplyChain.Create(rawLots, intermediates, uneven);
        var figures = new ProductFigures("p");
        var random = new Random(seed);
        AssertSame(chain, figures);
        for (var step = 0; step < 60; step++)
        {
            var changed = new List<string>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var lot = chain.Lots.Keys.ElementAt(random.Next(chain.Lots.Count));
                changed.Add(lot);
                switch (random.Next(6))
                {
                    case 0:
                    case 1:
                        chain.Ship(lot, TransportMode.Road, Math.Round((decimal)random.NextDouble() * 90, random.Next(0, 5)) + 0.001m);
                        break;
                    case 2:
                        chain.Ship(lot, TransportMode.Sea, 1000m / random.Next(3, 97));
                        break;
                    case 3:
                        chain.Correct(lot, l => l with { Factor = l.Factor with { KgCo2ePerUnit = random.Next(1, 9000) / 7m } });
                        break;
                    case 4:
                        chain.Correct(lot, l => l with { CertificationScheme = l.CertificationScheme is null ? "GOTS" : null, OriginCountry = random.Next(3) == 0 ? null : "IN" });
                        break;
                    default:
                        chain.Correct(lot, l => l with { RecycledShare = random.Next(0, 100) / 300m });
                        break;
                }
            }

            figures.LotsChanged(changed);
            AssertSame(chain, figures);
        }

        Assert.True(figures.Updates >= 100, $"only {figures.Updates} reads were updates");
    }

    [Fact]
    public void Totals_beyond_what_an_exact_fold_can_hold_still_equal_the_full_recompute()
    {
        // Factors in the thousands with non-terminating divisions: the in-order fold rounds along the way.
        var chain = SyntheticSupplyChain.Create(150, 0, uneven: true);
        foreach (var id in chain.Lots.Keys.ToList())
        {
            chain.Correct(id, l => l with { Factor = l.Factor with { KgCo2ePerUnit = 12345.6789m / 7m } });
        }

        var figures = new ProductFigures("p");
        AssertSame(chain, figures);
        for (var i = 0; i < 20; i++)
        {
            chain.Ship($"L{i * 7}", TransportMode.Road, 1m / 3m);
            figures.LotsChanged([$"L{i * 7}"]);
            AssertSame(chain, figures);
        }

        Assert.True(figures.Updates >= 40);
    }

    [Fact]
    public void A_lot_change_that_changes_the_shape_rebuilds_and_still_agrees()
    {
        var chain = SyntheticSupplyChain.Create(50, 5, uneven: true);
        var figures = new ProductFigures("p");
        AssertSame(chain, figures);
        chain.Correct("L20", l => l with { Quantity = l.Quantity + 1 });
        figures.LotsChanged(["L20"]);
        AssertSame(chain, figures);
        chain.Ship("L20", TransportMode.Rail, 7m);
        figures.LotsChanged(["L20"]);
        AssertSame(chain, figures);
    }

    [Fact]
    public void The_lineage_root_of_kept_figures_is_recomputable_from_the_record()
    {
        var chain = SyntheticSupplyChain.Create(40, 4, uneven: true);
        var figures = new ProductFigures("p");
        figures.Footprint(chain.Snapshot(), FactorCatalog.Starter);
        chain.Ship("L3", TransportMode.Road, 2.5m);
        figures.LotsChanged(["L3"]);
        var footprint = figures.Footprint(chain.Snapshot(), FactorCatalog.Starter);
        var trace = figures.Traceability(chain.Snapshot());
        Assert.Equal(LineageBuilder.MerkleForm, footprint.Lineage!.Form);
        Assert.Equal(footprint.Lineage.RootSha256, LineageBuilder.RootOf(footprint.Lineage));
        Assert.Equal(trace.Lineage.RootSha256, LineageBuilder.RootOf(trace.Lineage));
        Assert.Equal(ResultHash.MerkleOf(new { footprint.Footprint!.ProductId, footprint.Footprint.DeclaredUnit, footprint.Footprint.TotalKgCo2e, Dataset = footprint.Footprint.Dataset.ToString(), footprint.Footprint.CalculatorVersion }, footprint.Footprint.Contributions), footprint.Lineage.ResultSha256);
        Assert.Contains(footprint.Lineage.Inputs, i => i.Kind == "lot" && i.Id == $"L3@v{chain.Lots["L3"].Version}" && i.Sha256 == chain.Lots["L3"].ContentSha256);
    }

    private static void AssertSame(SyntheticSupplyChain chain, ProductFigures figures)
    {
        var kept = figures.Footprint(chain.Snapshot(), FactorCatalog.Starter);
        var full = ProductAnalyzer.AnalyzeFootprint("p", chain.Snapshot(), FactorCatalog.Starter);
        Assert.NotNull(full.Footprint);
        Assert.Equal(decimal.GetBits(full.Footprint!.TotalKgCo2e), decimal.GetBits(kept.Footprint!.TotalKgCo2e));
        Assert.Equal(Json(full), Json(kept));
        var keptTrace = figures.Traceability(chain.Snapshot());
        var fullTrace = ProductAnalyzer.AnalyzeTraceability("p", chain.Snapshot());
        Assert.Equal(Json(fullTrace), Json(keptTrace));
        Assert.Equal(full.Lineage!.RootSha256, kept.Lineage!.RootSha256);
        Assert.Equal(fullTrace.Lineage.RootSha256, keptTrace.Lineage.RootSha256);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, EsgJson.Options);
}
