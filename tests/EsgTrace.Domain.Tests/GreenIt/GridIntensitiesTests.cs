using EsgTrace.GreenIt;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt;

/// <summary>Region factors and PUE as the CCF constants (commit b7a049c7) state them, in t CO2e/kWh there and kg here.</summary>
public sealed class GridIntensitiesTests
{
    [Theory]
    [InlineData("aws", "eu-central-1", "EU_CENTRAL_1", 0.311, 1.135)]       // AWS EMISSION_FACTORS.EU_CENTRAL_1 = 0.000311 t
    [InlineData("aws", "eu-north-1", "EU_NORTH_1", 0.0088, 1.135)]          // 8.8e-06 t
    [InlineData("azure", "West Europe", "EU_WEST", 0.3284, 1.185)]          // Azure EU_WEST = 0.0003284 t
    [InlineData("azure", "westeurope", "EU_WEST", 0.3284, 1.185)]
    [InlineData("gcp", "europe-west1", "EUROPE_WEST1", 0.11, 1.09)]          // grid-only 0.00011 t; trailing-12-month PUE 1.09
    [InlineData("gcp", "europe-west3", "EUROPE_WEST3", 0.269, 1.1)]          // no regional PUE: PUE_AVG 1.1
    public void CloudRegion_ResolvesToCcfsLocationBasedFactorAndPue(string provider, string region, string key, double kgPerKwh, double pue)
    {
        var grid = GridIntensities.Resolve(provider, region, null, out var problem);

        Assert.Null(problem);
        Assert.Equal(key, grid!.Region);
        Assert.Equal((decimal)kgPerKwh, grid.LocationKgPerKwh);
        Assert.Equal((decimal)pue, grid.Pue);
        Assert.Contains("b7a049c7", grid.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Gcp_ShowsTheCarbonFreeEnergyFactorAsMarketBased_BesideTheGridOnlyOne()
    {
        var grid = GridIntensities.Resolve("gcp", "europe-west1", null, out _)!;

        Assert.Equal(0.11m, grid.LocationKgPerKwh);   // EMISSION_FACTORS_GRID_ONLY.EUROPE_WEST1
        Assert.Equal(0.0198m, grid.MarketKgPerKwh);   // EMISSION_FACTORS_WITH_CFE.EUROPE_WEST1 = 1.98e-05 t
        Assert.Null(GridIntensities.Resolve("aws", "eu-central-1", null, out _)!.MarketKgPerKwh);
    }

    [Fact]
    public void OnPremises_UsesTheCountryGridOfTheStarterDataset_AndTheUptimeAveragePueUnlessStated()
    {
        var site = GridIntensities.Resolve("on-premises", "de", null, out _)!;
        var stated = GridIntensities.Resolve("on-premises", "DE", 1.3m, out _)!;

        Assert.Equal(EsgTrace.Factors.FactorCatalog.Starter.Factor("grid.DE").KgCo2ePerUnit, site.LocationKgPerKwh);
        Assert.Equal(1.58m, site.Pue);
        Assert.Equal(1.3m, stated.Pue);
    }

    [Theory]
    [InlineData("aws", "mars-north-1", "not in ccf-grid")]
    [InlineData("on-premises", "XX", "grid factors for")]
    [InlineData("ibm", "x", "is not one of")]
    public void UnknownRegion_IsRefusedWithWhatIsKnown(string provider, string region, string expected)
    {
        Assert.Null(GridIntensities.Resolve(provider, region, null, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
