using Xunit;

namespace EsgTrace.Reports.Tests;

/// <summary>One text format for kg CO2e: five significant digits, whole-number digits kept, thousands grouped, no trailing zeros.</summary>
public sealed class Co2eFormatTests
{
    [Theory]
    [InlineData("1.362397251", "1.3624")]
    [InlineData("0.016597251", "0.016597")]
    [InlineData("0.2478", "0.2478")]
    [InlineData("1.098", "1.098")]
    [InlineData("1.36505", "1.3651")] // half away from zero
    [InlineData("9.99996", "10")]
    [InlineData("12345.678", "12,346")]
    [InlineData("123456.7", "123,457")]
    [InlineData("0.000123456", "0.00012346")]
    [InlineData("-2.345678", "-2.3457")]
    [InlineData("0", "0")]
    [InlineData("1000", "1,000")]
    public void Kg_KeepsFiveSignificantDigits(string value, string expected)
        => Assert.Equal(expected, Co2eFormat.Kg(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void WithUnit_NamesKgCo2e() => Assert.Equal("1.3624 kg CO2e", Co2eFormat.WithUnit(1.362397251m));
}
