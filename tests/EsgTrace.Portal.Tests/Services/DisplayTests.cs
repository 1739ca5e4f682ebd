using EsgTrace.Factors;
using EsgTrace.Portal.Services;
using EsgTrace.Traceability;
using Xunit;

namespace EsgTrace.Portal.Tests.Services;

/// <summary>Enum values read as words on every page; kg CO2e in the one format.</summary>
public sealed class DisplayTests
{
    [Theory]
    [InlineData(TransportMode.InlandWaterway, "inland waterway")]
    [InlineData(TransportMode.Road, "road")]
    public void Words_TransportMode(TransportMode mode, string words) => Assert.Equal(words, Display.Mode(mode));

    [Theory]
    [InlineData(ChainOfCustodyModel.MassBalance, "mass balance")]
    [InlineData(ChainOfCustodyModel.IdentityPreserved, "identity preserved")]
    [InlineData(ChainOfCustodyModel.BookAndClaim, "book and claim")]
    public void Words_ChainOfCustody(ChainOfCustodyModel model, string words) => Assert.Equal(words, Display.Custody(model));

    [Fact]
    public void Co2e_IsTheReportsFormat() => Assert.Equal("0.016597", Display.Co2e(0.016597251m));
}
