using EsgTrace.Units;
using Xunit;

namespace EsgTrace.Domain.Tests.Units;

public sealed class QuantityTests
{
    [Theory]
    [InlineData(180, "g", "kg", 0.18)]
    [InlineData(2.5, "t", "kg", 2500)]
    [InlineData(1, "lb", "kg", 0.45359237)] // exact by definition
    [InlineData(1500, "Wh", "kWh", 1.5)]
    [InlineData(2, "MWh", "kWh", 2000)]
    [InlineData(8100, "nmi", "km", 15001.2)] // 8100 × 1.852
    [InlineData(120, "mi", "km", 193.12128)] // 120 × 1.609344
    public void To_ConvertsExactly(decimal value, string from, string to, decimal expected)
        => Assert.Equal(expected, Quantity.Of(value, from).To(Unit.FromSymbol(to)!).Value);

    [Fact]
    public void To_AnotherDimension_IsRefusedWithBothUnitsNamed()
    {
        var ex = Assert.Throws<UnitMismatchException>(() => Quantity.Of(3, "kWh").To(Unit.Kilogram));

        Assert.Contains("3 kWh (energy) to kg (mass)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_UnknownUnit_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<UnitMismatchException>(() => Quantity.Of(1, "stone"));

        Assert.Contains("Unknown unit 'stone'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("kg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSymbol_IsCaseSensitive_SoMilliAndMegaAreNotConfused()
        => Assert.Null(Unit.FromSymbol("mWh"));
}
