using EsgTrace.Factors;
using EsgTrace.Footprints;
using EsgTrace.Units;
using Xunit;

namespace EsgTrace.Domain.Tests.Footprints;

/// <summary>
/// Transport by shipped mass (footprint/2.0.0, ISO 14083 / GLEC): a product of 2 kg of one material per piece, factor
/// 1 kg CO2e/kg, no process energy, starter road factor 0.14993 and sea factor 0.01266 kg CO2e/t.km. Every expected figure
/// is worked out by hand in the comments.
/// </summary>
public sealed class TransportAllocationTests
{
    private const decimal Road = 0.14993m;
    private const decimal Sea = 0.01266m;
    private static readonly EmissionFactor OneKgPerKg = new("test.one", "Test material", 1m, Unit.Kilogram, FactorSourceKind.Primary, "test", "test");

    [Fact]
    public void TwoHalfShipments_GiveTheSamePerUnitTransport_AsOneWholeShipment()
    {
        // A 1,000 kg lot sent as 2 × 500 kg over the same 100 km road route: 2 × 0.5 t × 100 km = 100 t.km ÷ 1,000 kg = 0.1 t.km/kg.
        var halves = Transport("L", 1000, [new ModeTonneKm(TransportMode.Road, 0.5m * 100 + 0.5m * 100, 2)]);
        // The same lot as 1 × 1,000 kg: 1 t × 100 km = 100 t.km ÷ 1,000 kg = 0.1 t.km/kg.
        var whole = Transport("L", 1000, [new ModeTonneKm(TransportMode.Road, 1m * 100, 1)]);

        // Per piece: 2 kg × 0.1 t.km/kg × 0.14993 = 0.029986 kg CO2e.
        Assert.Equal(0.029986m, halves);
        Assert.Equal(halves, whole);
    }

    [Fact]
    public void SequentialLegs_AddBothLegs()
    {
        // 1,000 kg A→B 100 km road, then the same 1,000 kg B→C 50 km road: (100 + 50) t.km ÷ 1,000 kg = 0.15 t.km/kg;
        // per piece 2 kg × 0.15 × 0.14993 = 0.044979.
        Assert.Equal(0.044979m, Transport("L", 1000, [new ModeTonneKm(TransportMode.Road, 1m * 100 + 1m * 50, 2)]));
    }

    [Fact]
    public void IntermediateLot_InheritsItsInputsTransport_InProportionToMass()
    {
        // Inputs: A 600 kg, road 0.6 t × 200 km = 120 t.km → 0.2 t.km/kg; B 400 kg, sea 0.4 t × 5,000 km = 2,000 t.km → 5 t.km/kg.
        // Yarn Y (800 kg) made from A and B, then road 0.8 t × 50 km = 40 t.km → own 0.05 t.km/kg.
        // Inherited road: (600 × 0.2 + 400 × 0) ÷ 1,000 = 0.12 t.km/kg; inherited sea: (600 × 0 + 400 × 5) ÷ 1,000 = 2 t.km/kg.
        // Per piece (2 kg of Y): road 2 × (0.05 + 0.12) × 0.14993 = 0.0509762; sea 2 × 2 × 0.01266 = 0.05064.
        var lots = new Dictionary<string, TransportLot>
        {
            ["A"] = new("A", 600, [new ModeTonneKm(TransportMode.Road, 120, 1)], []),
            ["B"] = new("B", 400, [new ModeTonneKm(TransportMode.Sea, 2000, 1)], []),
            ["Y"] = new("Y", 800, [new ModeTonneKm(TransportMode.Road, 40, 1)], ["A", "B"]),
        };
        var intensity = TransportAllocation.Intensities(["Y"], lots)["Y"];
        var result = FootprintCalculator.Calculate("p", Inputs(intensity));

        var road = intensity.Modes.Single(m => m.Mode == TransportMode.Road);
        Assert.Equal(0.05m, road.OwnTonneKmPerKg);
        Assert.Equal(0.12m, road.InheritedTonneKmPerKg);
        Assert.Equal(2m, intensity.Modes.Single(m => m.Mode == TransportMode.Sea).InheritedTonneKmPerKg);
        Assert.Equal(0.0509762m + 0.05064m, result.ByStage[FootprintStage.Transport]);
        Assert.Equal(2m + 0.0509762m + 0.05064m, result.TotalKgCo2e);
        Assert.Contains(result.Contributions, c => c.Formula == "2 kg × 0.17 t.km/kg × 0.14993 kg CO2e/t.km");
        Assert.Equal(FootprintCalculator.Version, result.CalculatorVersion);
    }

    [Fact]
    public void ManyPartShipments_ChargeEachUnitOnce_NotOncePerShipment()
    {
        // The fault the per-leg method had: 8 t sent as 120 part-shipments of 66.6… kg over 100 km. By mass: 8 t × 100 km
        // = 800 t.km ÷ 8,000 kg = 0.1 t.km/kg, the same as one trip; per piece 2 × 0.1 × 0.14993 = 0.029986.
        var lots = new Dictionary<string, TransportLot> { ["L"] = new("L", 8000, [new ModeTonneKm(TransportMode.Road, 800, 120)], []) };
        var result = FootprintCalculator.Calculate("p", Inputs(TransportAllocation.Intensities(["L"], lots)["L"]));

        Assert.Equal(0.029986m, result.ByStage[FootprintStage.Transport]);
    }

    [Fact]
    public void LegacyVersion_StillChargesEveryLegInFull_SoOldResultsReproduce()
    {
        // footprint/1.0.0: 0.002 t × 100 km × 0.14993 per leg; two legs = 0.059972 (the over-count 2.0.0 corrects).
        var legs = new List<TransportLeg> { new("S1", TransportMode.Road, Quantity.Of(100, "km")), new("S2", TransportMode.Road, Quantity.Of(100, "km")) };
        var inputs = Inputs(null) with { Materials = new Dictionary<string, MaterialSource> { ["m"] = new("m", "Test material", "sup", OneKgPerKg, legs) } };

        Assert.Equal(2m + 0.059972m, FootprintCalculator.Calculate("p", inputs, FootprintCalculator.LegacyVersion).TotalKgCo2e);
        Assert.Equal(2m, FootprintCalculator.Calculate("p", inputs).TotalKgCo2e); // 2.0.0 reads no legs: no intensity, no transport
        Assert.Throws<FootprintException>(() => FootprintCalculator.Calculate("p", inputs, "footprint/9.9.9"));
    }

    private static decimal Transport(string lot, decimal kg, IReadOnlyList<ModeTonneKm> own)
    {
        var lots = new Dictionary<string, TransportLot> { [lot] = new(lot, kg, own, []) };
        return FootprintCalculator.Calculate("p", Inputs(TransportAllocation.Intensities([lot], lots)[lot])).ByStage[FootprintStage.Transport];
    }

    private static FootprintInputs Inputs(TransportIntensity? transport) => new(
        new Dictionary<string, ProductDefinition> { ["p"] = new("p", "Product", "1 piece", [new BomLine(BomLineKind.Material, "m", Quantity.Of(2, "kg"))]) },
        new Dictionary<string, MaterialSource> { ["m"] = new("m", "Test material", "sup", OneKgPerKg, [], transport) },
        FactorCatalog.Starter);
}
