using EsgTrace.Factors;
using EsgTrace.Footprints;
using EsgTrace.Units;
using Xunit;

namespace EsgTrace.Domain.Tests.Footprints;

/// <summary>
/// A T-shirt (declared unit: 1 piece) made of 180 g cotton fabric, with two label packs as a sub-product, and process energy.
/// Every expected figure is worked out below by hand (and was checked with Python's decimal module), not by the calculator.
/// These cases use the legacy per-leg method (footprint/1.0.0), kept so results computed with it stay reproducible;
/// transport by shipped mass (2.0.0) is in TransportAllocationTests.
/// </summary>
public sealed class FootprintCalculatorTests
{
    private static readonly EmissionFactor CottonPcf = new("pcf.cotton-fabric", "Cotton fabric (supplier PCF)", 5.2m, Unit.Kilogram, FactorSourceKind.Primary, "Mill's PCF 2026 (test data)", "test");
    private static readonly EmissionFactor Polyester = new("test.polyester", "Polyester yarn (test secondary)", 3.0m, Unit.Kilogram, FactorSourceKind.Secondary, "test dataset", "test");

    private static FootprintInputs Inputs(params ProductDefinition[] extra)
    {
        var products = new Dictionary<string, ProductDefinition>
        {
            ["tshirt"] = new("tshirt", "T-shirt", "1 piece",
                [
                    new BomLine(BomLineKind.Material, "cotton", Quantity.Of(180, "g")),
                    new BomLine(BomLineKind.SubProduct, "label-pack", Quantity.Of(2, "piece")),
                ],
                Quantity.Of(1500, "Wh"), "grid.IN"),
            ["label-pack"] = new("label-pack", "Label pack", "1 piece",
                [new BomLine(BomLineKind.Material, "polyester", Quantity.Of(4, "g"))],
                Quantity.Of(0.01m, "kWh"), "grid.IN"),
        };
        foreach (var p in extra)
        {
            products[p.Id] = p;
        }

        var materials = new Dictionary<string, MaterialSource>
        {
            ["cotton"] = new("cotton", "Cotton fabric", "mill-1", CottonPcf,
            [
                new TransportLeg("L1", TransportMode.Road, Quantity.Of(350, "km")),
                new TransportLeg("L2", TransportMode.Sea, Quantity.Of(8100, "nmi")),
                new TransportLeg("L3", TransportMode.Road, Quantity.Of(120, "mi")),
            ]),
            ["polyester"] = new("polyester", "Polyester label yarn", "trims-1", Polyester, [new TransportLeg("A1", TransportMode.Air, Quantity.Of(2000, "km"))]),
        };
        return new FootprintInputs(products, materials, FactorCatalog.Starter);
    }

    [Fact]
    public void MultiTierProduct_MatchesTheHandComputation()
    {
        var result = FootprintCalculator.Calculate("tshirt", Inputs(), FootprintCalculator.LegacyVersion);

        // Materials
        //   cotton:    0.180 kg × 5.2                          = 0.936
        //   polyester: 2 packs × 4 g = 0.008 kg × 3.0          = 0.024
        // Transport (tonnes moved × km × factor)
        //   L1 road:   0.00018 t × 350 km × 0.14993            = 0.00944559
        //   L2 sea:    0.00018 t × (8100 nmi × 1.852 = 15001.2 km) × 0.01266 = 0.03418473456
        //   L3 road:   0.00018 t × (120 mi × 1.609344 = 193.12128 km) × 0.14993 = 0.005211841231872
        //   A1 air:    0.000008 t × 2000 km × 0.57              = 0.00912
        // Process energy
        //   T-shirt:   1500 Wh = 1.5 kWh × 0.708               = 1.062
        //   labels:    2 × 0.01 kWh = 0.02 kWh × 0.708          = 0.01416
        // Total = 0.936 + 0.024 + 0.00944559 + 0.03418473456 + 0.005211841231872 + 0.00912 + 1.062 + 0.01416
        //       = 2.094122165791872
        Assert.Equal(2.094122165791872m, result.TotalKgCo2e);
        Assert.Equal(0.96m, result.ByStage[FootprintStage.Materials]);
        Assert.Equal(0.057962165791872m, result.ByStage[FootprintStage.Transport]);
        Assert.Equal(1.07616m, result.ByStage[FootprintStage.ProcessEnergy]);
        Assert.Equal(0.936m + 0.00944559m + 0.03418473456m + 0.005211841231872m, result.ByMaterial["cotton"]);
        Assert.Equal(0.024m + 0.00912m, result.BySupplier["trims-1"]);
        // Only the cotton material term uses a primary factor: 0.936 / 2.094122165791872 = 0.44696532766…
        Assert.Equal(0.44696532766m, Math.Round(result.PrimaryDataShare, 11));
        Assert.Equal("esgtrace-starter@2026.1", result.Dataset.ToString());
        Assert.Equal(FootprintCalculator.LegacyVersion, result.CalculatorVersion);
    }

    [Fact]
    public void Contributions_ShowTheirArithmetic_AndTheSubProductPath()
    {
        var result = FootprintCalculator.Calculate("tshirt", Inputs(), FootprintCalculator.LegacyVersion);

        var sea = Assert.Single(result.Contributions, c => c.Label.Contains("sea leg L2", StringComparison.Ordinal));
        var labelEnergy = Assert.Single(result.Contributions, c => c.Stage == FootprintStage.ProcessEnergy && c.Path == "label-pack");
        Assert.Equal("0.00018 t × 15001.2 km × 0.01266 kg CO2e/t.km", sea.Formula);
        Assert.Equal("transport.sea.container-8000teu", sea.FactorId);
        Assert.Equal("0.02 kWh × 0.708 kg CO2e/kWh", labelEnergy.Formula);
    }

    [Fact]
    public void BomCycle_IsRefusedNamingTheCycle()
    {
        var a = new ProductDefinition("a", "A", "1 piece", [new BomLine(BomLineKind.SubProduct, "b", Quantity.Of(1, "piece"))]);
        var b = new ProductDefinition("b", "B", "1 piece", [new BomLine(BomLineKind.SubProduct, "a", Quantity.Of(1, "piece"))]);

        var ex = Assert.Throws<FootprintException>(() => FootprintCalculator.Calculate("a", Inputs(a, b)));

        Assert.Equal("The bill of materials has a cycle: a → b → a.", ex.Message);
    }

    [Fact]
    public void MaterialInAnEnergyUnit_IsAUnitMismatch()
    {
        var bad = new ProductDefinition("bad", "Bad", "1 piece", [new BomLine(BomLineKind.Material, "cotton", Quantity.Of(2, "kWh"))]);

        var ex = Assert.Throws<FootprintException>(() => FootprintCalculator.Calculate("bad", Inputs(bad)));

        Assert.Contains("2 kWh (energy) to kg (mass)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubProductInKilograms_IsAUnitMismatch()
    {
        var bad = new ProductDefinition("bad", "Bad", "1 piece", [new BomLine(BomLineKind.SubProduct, "label-pack", Quantity.Of(1, "kg"))]);

        Assert.Throws<FootprintException>(() => FootprintCalculator.Calculate("bad", Inputs(bad)));
    }

    [Fact]
    public void UnknownMaterialOrProduct_IsNamed()
    {
        var bad = new ProductDefinition("bad", "Bad", "1 piece", [new BomLine(BomLineKind.Material, "unobtainium", Quantity.Of(1, "kg"))]);

        Assert.Contains("'unobtainium'", Assert.Throws<FootprintException>(() => FootprintCalculator.Calculate("bad", Inputs(bad))).Message, StringComparison.Ordinal);
        Assert.Contains("'ghost'", Assert.Throws<FootprintException>(() => FootprintCalculator.Calculate("ghost", Inputs())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALegByInlandWaterway_FailsClearly_WhenTheDatasetHasNoFactorForIt()
    {
        var inputs = Inputs();
        var materials = inputs.Materials.ToDictionary();
        materials["cotton"] = materials["cotton"] with { Legs = [new TransportLeg("W1", TransportMode.InlandWaterway, Quantity.Of(100, "km"))] };
        var allocated = inputs.Materials.ToDictionary();
        allocated["cotton"] = allocated["cotton"] with { Transport = new TransportIntensity("cotton", [new ModeIntensity(TransportMode.InlandWaterway, 0.1m, 0, 1)], 0) };

        var ex = Assert.Throws<FootprintException>(() => FootprintCalculator.Calculate("tshirt", inputs with { Materials = materials }, FootprintCalculator.LegacyVersion));
        var byMass = Assert.Throws<FootprintException>(() => FootprintCalculator.Calculate("tshirt", inputs with { Materials = allocated }));

        Assert.Contains("InlandWaterway", ex.Message, StringComparison.Ordinal);
        Assert.Contains("InlandWaterway", byMass.Message, StringComparison.Ordinal);
    }
}
