using EsgTrace.Factors;
using EsgTrace.SupplierPortal;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.SupplierPortal;

public sealed class FootprintAnswerRulesTests
{
    private static readonly FootprintAnswer Pieces = new(
        "3fa85f64-5717-4562-b3fc-2c963f66afa6", 3, "piece", 12m, 0.96m, 2.4m, 2.1m,
        Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0), null);

    [Fact]
    public void PerKg_IsThePcfOverTheMassOfTheDeclaredUnit()
    {
        // 2.4 kg CO2e per 12 pieces weighing 0.96 kg together: 2.4 ÷ 0.96 = 2.5 kg CO2e per kg.
        Assert.True(FootprintAnswerRules.Check(Pieces).IsValid);
        Assert.Equal(2.5m, FootprintAnswerRules.KgCo2ePerKg(Pieces));
    }

    [Fact]
    public void LotFactor_IsPrimary_PerKg_NamingThePcfTheRequestAndTheDocument()
    {
        var factor = FootprintAnswerRules.ToLotFactor(Pieces, "req-1", new string('a', 64));

        Assert.Equal(FactorSourceKind.Primary, factor.Kind);
        Assert.Equal(2.5m, factor.KgCo2ePerUnit);
        Assert.Equal("kg", factor.PerUnit);
        Assert.Equal($"PACT PCF 3fa85f64-5717-4562-b3fc-2c963f66afa6 v3: 2.4 kg CO2e excl. biogenic uptake per 12 piece (0.96 kg), 2025-01-01 to 2026-01-01; supplier request req-1; document sha256 {new string('a', 64)}", factor.Source);
        Assert.True(factor.Source!.Length <= 300);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("declaredUnitOfMeasurement")]
    [InlineData("declaredUnitAmount")]
    [InlineData("productMassPerDeclaredUnit")]
    [InlineData("pcfIncludingBiogenicUptake")]
    [InlineData("referencePeriodEnd")]
    public void Check_NamesTheFieldThatBreaksARule(string field)
    {
        var broken = field switch
        {
            "id" => Pieces with { Id = "PCF-1" },
            "declaredUnitOfMeasurement" => Pieces with { DeclaredUnitOfMeasurement = "kg" }, // PACT writes "kilogram"
            "declaredUnitAmount" => Pieces with { DeclaredUnitAmount = 0 },
            "productMassPerDeclaredUnit" => Pieces with { DeclaredUnitOfMeasurement = "kilogram", DeclaredUnitAmount = 1, ProductMassPerDeclaredUnit = 0.9m },
            "pcfIncludingBiogenicUptake" => Pieces with { PcfIncludingBiogenicUptake = 2.5m }, // incl = excl + uptake, uptake ≤ 0
            _ => Pieces with { ReferencePeriodEnd = Pieces.ReferencePeriodStart },
        };

        var errors = FootprintAnswerRules.Check(broken).ToProblem().Errors!;
        Assert.Equal([field], errors.Keys);
    }
}
