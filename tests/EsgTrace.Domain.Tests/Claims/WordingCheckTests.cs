using EsgTrace.Claims;
using Xunit;

namespace EsgTrace.Domain.Tests.Claims;

public sealed class WordingCheckTests
{
    private static readonly ClaimRule Footprint = new(ClaimType.FootprintAtMost, 1.4m);
    private static readonly ClaimRule Certified = new(ClaimType.CertifiedContent, 60);

    [Theory]
    [InlineData("Cradle-to-gate footprint of at most 1.4 kg CO2e per T-shirt")]
    [InlineData("At most 1,4 kg CO2e per piece, cradle to gate")]
    public void SpecificFootprintWording_IsAccepted(string wording) => Assert.Empty(WordingCheck.Problems(wording, Footprint));

    [Fact]
    public void SpecificContentWording_IsAccepted()
        => Assert.Empty(WordingCheck.Problems("60 % GOTS-certified organic cotton by weight", Certified));

    [Theory]
    [InlineData("Our eco-friendly T-shirt: 1.4 kg CO2e per piece", "eco-friendly")]
    [InlineData("A green choice: 1.4 kg CO2e per piece", "green")]
    [InlineData("Sustainable tee with 1.4 kg CO2e per piece", "sustainable")]
    [InlineData("Environmentally friendly: at most 1.4 kg CO2e per piece", "environmentally friendly")]
    public void GenericTerms_AreRefused_WithAnExplanation(string wording, string term)
    {
        var problems = WordingCheck.Problems(wording, Footprint);

        Assert.Contains(problems, p => p.Contains($"\"{term}\" is a generic environmental term", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Climate neutral T-shirt (1.4 kg CO2e per piece, offset)")]
    [InlineData("Carbon-neutral: 1.4 kg CO2e per piece compensated")]
    [InlineData("Net zero tee, 1.4 kg CO2e per piece")]
    public void NeutralityAndOffsetClaims_AreRefused(string wording)
        => Assert.Contains(WordingCheck.Problems(wording, Footprint), p => p.Contains("neutrality or offset-based claims are not allowed", StringComparison.Ordinal));

    [Fact]
    public void WordsThatMerelyContainATerm_AreNotFlagged()
        => Assert.Empty(WordingCheck.Problems("Evergreen classic: at most 1.4 kg CO2e per piece for the economy range", Footprint));

    [Fact]
    public void WordingWithoutTheFigureOrWhatItCovers_IsRefused()
    {
        var problems = WordingCheck.Problems("Lower-carbon T-shirt", Footprint);

        Assert.Contains(problems, p => p.Contains("must state the claimed figure (1.4)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("what the figure covers", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("declared unit", StringComparison.Ordinal));
    }
}
