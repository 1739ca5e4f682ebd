using EsgTrace.Factors;
using Xunit;

namespace EsgTrace.Domain.Tests.Factors;

public sealed class FactorCatalogRulesTests
{
    [Fact]
    public void TheStarterDataset_PassesItsOwnRules() => Assert.Empty(FactorCatalogRules.Check(FactorCatalog.Starter));

    [Fact]
    public void AnIdNoStoreCanKey_AndMissingProvenance_AreRefused_FieldByField()
    {
        var starter = FactorCatalog.Starter;
        var first = starter.Dataset.Factors[0];
        var bad = starter with
        {
            Dataset = starter.Dataset with
            {
                Id = new string('d', 6_000),
                Factors = [first with { Source = " " }, first, first with { Id = "x", KgCo2ePerUnit = -1m }],
            },
        };

        var errors = FactorCatalogRules.Check(bad);

        Assert.Contains("dataset.id", errors.Keys);
        Assert.Contains("dataset.factors[0].source", errors.Keys);
        Assert.Contains("dataset.factors[1].id", errors.Keys);          // the same id twice
        Assert.Contains("dataset.factors[2].kgCo2ePerUnit", errors.Keys);
        Assert.Contains("transportFactorIds", errors.Keys);             // the modes' factors are gone
    }
}
