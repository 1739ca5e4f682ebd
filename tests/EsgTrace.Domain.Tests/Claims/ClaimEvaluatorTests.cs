using EsgTrace.Claims;
using Xunit;

namespace EsgTrace.Domain.Tests.Claims;

public sealed class ClaimEvaluatorTests
{
    private static readonly ClaimFigures Now = new(1.3582m, null, 0.6m, 0.16m, 0.8m, "esgtrace-starter@2026.1", "footprint/1.0.0", new string('a', 64));

    [Theory]
    [InlineData(1.4, true)]
    [InlineData(1.3582, true)]   // equal to the limit: "at most" holds
    [InlineData(1.35, false)]
    public void FootprintAtMost_ComparesWithTheLimit(decimal limit, bool holds)
        => Assert.Equal(holds, ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.FootprintAtMost, limit), Now).Holds);

    [Fact]
    public void FootprintReduction_IsComputedAgainstTheBaseline()
    {
        var baseline = Now with { FootprintKgCo2e = 1.6m };

        var result = ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.FootprintReduction, 15, baseline), Now);

        // (1.6 − 1.3582) / 1.6 × 100 = 0.2418 / 1.6 × 100 = 15.1125 %
        Assert.True(result.Holds);
        Assert.Equal(15.1125m, result.Actual);
        Assert.Contains("15.11 %", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void FootprintReduction_AgainstAnotherDatasetFamily_IsNotComparable()
    {
        var baseline = Now with { FootprintKgCo2e = 2m, Dataset = "ecoinvent@3.9" };

        var result = ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.FootprintReduction, 10, baseline), Now);

        Assert.False(result.Holds);
        Assert.StartsWith("Not comparable", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void FootprintReduction_WithANewerVersionOfTheSameDataset_IsComparable()
        => Assert.True(ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.FootprintReduction, 10, Now with { FootprintKgCo2e = 2m, Dataset = "esgtrace-starter@2025.1" }), Now).Holds);

    [Theory]
    [InlineData(ClaimType.CertifiedContent, 60, true)]   // 0.6 × 100 = 60 %
    [InlineData(ClaimType.CertifiedContent, 61, false)]
    [InlineData(ClaimType.RecycledContent, 16, true)]    // 0.16 × 100 = 16 %
    [InlineData(ClaimType.TraceableContent, 90, false)]  // 80 % < 90 %
    public void ContentShares_ArePercentagesOfInputMass(ClaimType type, decimal threshold, bool holds)
        => Assert.Equal(holds, ClaimEvaluator.Evaluate(new ClaimRule(type, threshold), Now).Holds);

    [Fact]
    public void NoFootprint_DoesNotHold_AndSaysWhy()
    {
        var result = ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.FootprintAtMost, 5), Now with { FootprintKgCo2e = null, FootprintProblem = "No lot of 'cotton jersey'." });

        Assert.False(result.Holds);
        Assert.Contains("No lot of 'cotton jersey'.", result.Explanation, StringComparison.Ordinal);
    }
}
