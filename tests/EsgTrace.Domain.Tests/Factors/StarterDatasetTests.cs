using EsgTrace.Factors;
using EsgTrace.Units;
using Xunit;

namespace EsgTrace.Domain.Tests.Factors;

public sealed class StarterDatasetTests
{
    [Fact]
    public void EveryFactor_NamesItsUnitSourceAndLicence()
    {
        var dataset = FactorCatalog.Starter.Dataset;

        Assert.Equal("esgtrace-starter@2026.1", dataset.Ref.ToString());
        Assert.All(dataset.Factors, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Source));
            Assert.False(string.IsNullOrWhiteSpace(f.Licence));
            Assert.True(f.KgCo2ePerUnit > 0);
        });
    }

    [Theory]
    [InlineData(TransportMode.Road, "transport.road.hgv-average", 0.14993)]      // Defra/DECC 2012, Annex 7, Table 7e
    [InlineData(TransportMode.Sea, "transport.sea.container-8000teu", 0.01266)]  // UK conversion factors 2025
    [InlineData(TransportMode.Rail, "transport.rail.freight", 0.03)]             // Defra via Hansard 2007
    [InlineData(TransportMode.Air, "transport.air.long-haul", 0.57)]
    public void TransportModes_MapToThePublishedFigures(TransportMode mode, string id, decimal kgPerTkm)
    {
        var factor = FactorCatalog.Starter.TransportFactor(mode);

        Assert.Equal(id, factor.Id);
        Assert.Equal(kgPerTkm, factor.KgCo2ePerUnit);
        Assert.Equal(Unit.TonneKilometre, factor.PerUnit);
    }

    [Fact]
    public void InlandWaterway_HasNoFactorInTheStarterSet_AndSaysSo()
    {
        var ex = Assert.Throws<MissingFactorException>(() => FactorCatalog.Starter.TransportFactor(TransportMode.InlandWaterway));

        Assert.Contains("esgtrace-starter@2026.1 has no factor for InlandWaterway", ex.Message, StringComparison.Ordinal);
    }
}
