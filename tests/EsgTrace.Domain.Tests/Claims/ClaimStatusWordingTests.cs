using EsgTrace.Claims;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.Claims;

/// <summary>What a claim's status means, in words, from its latest check: the sentence must never contradict the status.</summary>
public sealed class ClaimStatusWordingTests
{
    private static readonly Instant CheckedAt = Instant.FromUtc(2026, 6, 1, 9, 0);

    private static readonly ClaimFigures AtPublication = new(1.3596m, null, 1m, 0m, 1m, "esgtrace-starter@2026.1", EsgTrace.Footprints.FootprintCalculator.Version, new string('a', 64), "1 piece", "Organic tee");

    private static ClaimDraft Draft(ClaimType type, decimal threshold, decimal? baseline = null)
        => new("tee", type, threshold, "wording", new LocalDate(2030, 12, 31), baseline);

    private static ClaimCheck Check(ClaimDraft draft, ClaimFigures figures)
        => new(ClaimEvaluator.Evaluate(ClaimRule.Of(draft), figures), figures, CheckedAt);

    [Fact]
    public void AtRisk_NamesTheBreakingFigureBesideThePublishedOne()
    {
        var draft = Draft(ClaimType.FootprintAtMost, 1.5m);

        var view = ClaimStatusWording.Describe(draft, ClaimStatus.AtRisk, Check(draft, AtPublication with { FootprintKgCo2e = 1.6123m }), AtPublication, null);

        Assert.Equal(ClaimTone.Warning, view.Tone);
        Assert.Equal("At risk", view.Label);
        Assert.Equal("At risk: newer data no longer substantiates this claim.", view.Headline);
        Assert.Equal("Now 1.6123 kg CO2e per piece, above the claimed 1.5; at publication 1.3596.", view.Finding);
        Assert.Equal((false, 1.6123m, 1.3596m, CheckedAt), (view.Holds, view.Actual!.Value, view.AtPublication!.Value, view.CheckedAt!.Value));
        Assert.DoesNotContain("at most", view.Headline + view.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_ThatStillHolds_SaysSo_WithTheFigureAtPublication()
    {
        var draft = Draft(ClaimType.FootprintAtMost, 1.5m);

        var view = ClaimStatusWording.Describe(draft, ClaimStatus.Published, Check(draft, AtPublication with { FootprintKgCo2e = 1.4m }), AtPublication, null);

        Assert.Equal(ClaimTone.Success, view.Tone);
        Assert.StartsWith("Valid:", view.Headline, StringComparison.Ordinal);
        Assert.Equal("Now 1.4 kg CO2e per piece, at most the claimed 1.5; at publication 1.3596.", view.Finding);
    }

    [Fact]
    public void FailedVerification_IsAnError_WithTheReason()
    {
        var draft = Draft(ClaimType.FootprintAtMost, 0.9m);

        var view = ClaimStatusWording.Describe(draft, ClaimStatus.Draft, Check(draft, AtPublication), null, null);

        Assert.Equal(ClaimTone.Error, view.Tone);
        Assert.Equal("Verification failed: the data does not substantiate this claim.", view.Headline);
        Assert.Equal("1.3596 kg CO2e per piece, above the claimed 0.9.", view.Finding);
        Assert.Null(view.AtPublication);
    }

    [Fact]
    public void DraftWithoutACheck_SaysNothingAboutFigures()
    {
        var view = ClaimStatusWording.Describe(Draft(ClaimType.FootprintAtMost, 1.5m), ClaimStatus.Draft, null, null, null);

        Assert.Equal((ClaimTone.Neutral, string.Empty), (view.Tone, view.Finding));
        Assert.Null(view.Holds);
    }

    [Fact]
    public void ApprovedClaim_WhosePublicationWasRefused_IsAnError()
    {
        var draft = Draft(ClaimType.FootprintAtMost, 1.3m);

        var view = ClaimStatusWording.Describe(draft, ClaimStatus.Approved, Check(draft, AtPublication), null, null);

        Assert.Equal(ClaimTone.Error, view.Tone);
        Assert.StartsWith("Publication refused", view.Headline, StringComparison.Ordinal);
        Assert.Equal("1.3596 kg CO2e per piece, above the claimed 1.3.", view.Finding);
    }

    [Fact]
    public void CertifiedShare_AtRisk_ComparesPercentages()
    {
        var draft = Draft(ClaimType.CertifiedContent, 90);

        // Published on 1.0 × 100 = 100 %; now 0.5 × 100 = 50 % < 90 %.
        var view = ClaimStatusWording.Describe(draft, ClaimStatus.AtRisk, Check(draft, AtPublication with { CertifiedShare = 0.5m }), AtPublication, null);

        Assert.Equal("Now 50 % of the input mass is certified, below the claimed 90 %; at publication 100 %.", view.Finding);
    }

    [Fact]
    public void Reduction_AtRisk_NamesTheBaseline()
    {
        var draft = Draft(ClaimType.FootprintReduction, 15, baseline: 1.6m);

        // At publication (1.6 − 1.3596) / 1.6 × 100 = 15.025 % → "15.02 %" (to even); now (1.6 − 1.44) / 1.6 × 100 = 10 %.
        var view = ClaimStatusWording.Describe(draft, ClaimStatus.AtRisk, Check(draft, AtPublication with { FootprintKgCo2e = 1.44m }), AtPublication, null);

        Assert.Equal("Now 10 % below the baseline of 1.6 kg CO2e per piece, short of the claimed 15 %; at publication 15.02 %.", view.Finding);
        Assert.Equal(15.025m, view.AtPublication);
    }

    [Fact]
    public void AtRisk_WithoutAComputableFootprint_SaysWhy_AndTheFigureAtPublication()
    {
        var draft = Draft(ClaimType.FootprintAtMost, 1.5m);

        var view = ClaimStatusWording.Describe(draft, ClaimStatus.AtRisk, Check(draft, AtPublication with { FootprintKgCo2e = null, FootprintProblem = "No lot of 'cotton jersey'." }), AtPublication, null);

        Assert.Equal("No footprint can be computed: No lot of 'cotton jersey'. At publication 1.3596 kg CO2e per piece.", view.Finding);
        Assert.Null(view.Actual);
    }

    [Fact]
    public void Withdrawn_GivesTheReason_NotTheLastVerdict()
    {
        var draft = Draft(ClaimType.FootprintAtMost, 1.5m);

        var view = ClaimStatusWording.Describe(draft, ClaimStatus.Withdrawn, Check(draft, AtPublication), AtPublication, "Product discontinued");

        Assert.Equal((ClaimTone.Neutral, "Withdrawn by the company."), (view.Tone, view.Headline));
        Assert.Equal("Reason given: Product discontinued. At publication 1.3596 kg CO2e per piece.", view.Finding);
    }

    [Fact]
    public void Expired_NamesTheLastValidDay()
    {
        var draft = Draft(ClaimType.FootprintAtMost, 1.5m);

        var view = ClaimStatusWording.Describe(draft, ClaimStatus.Expired, Check(draft, AtPublication), AtPublication, null);

        Assert.Equal("Expired: the claim was valid until 2030-12-31.", view.Headline);
        Assert.Equal("At publication 1.3596 kg CO2e per piece.", view.Finding);
    }

    [Fact]
    public void DeclaredUnitOtherThanOne_IsKeptWhole_AndUnknownReadsDeclaredUnit()
    {
        var draft = Draft(ClaimType.FootprintAtMost, 1.5m);

        var grams = ClaimStatusWording.Describe(draft, ClaimStatus.Verified, Check(draft, AtPublication with { DeclaredUnit = "500 g" }), null, null);
        var unknown = ClaimStatusWording.Describe(draft, ClaimStatus.Verified, Check(draft, AtPublication with { DeclaredUnit = null }), null, null);

        Assert.Equal("1.3596 kg CO2e per 500 g, at most the claimed 1.5.", grams.Finding);
        Assert.Equal("1.3596 kg CO2e per declared unit, at most the claimed 1.5.", unknown.Finding);
    }
}
