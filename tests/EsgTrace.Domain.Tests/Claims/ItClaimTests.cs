using EsgTrace.Claims;
using EsgTrace.GreenIt;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.Claims;

/// <summary>
/// IT claims checked from per-record emissions, worked out by hand. A record of V vCPU-hours on AWS eu-central-1 without a
/// utilisation figure is (0.74 + 0.5 × (3.5 − 0.74)) W × V × PUE 1.135 ÷ 1000 kWh × 0.311 kg CO2e/kWh = V × 0.0007483282 kg.
/// </summary>
public sealed class ItClaimTests
{
    private static readonly WorkloadDefinition Api = new("Shop API", "web", "aws", "eu-central-1", "1,000 requests");

    private static UsageEmissions Record(string workload, LocalDate start, LocalDate end, decimal vcpuHours, decimal? units)
        => UsageEmissionsCalculator.Of(workload, Api, new UsageRow(workload, start, end, "aws", "eu-central-1", new ItUsage(vcpuHours, null, 0, 0, 0, 0), units)).Emissions!;

    private static ItClaimWorkload Workload(string id, params UsageEmissions[] records) => new(id, id.ToUpperInvariant(), "1,000 requests", records);

    private static readonly LocalDate BaselineFrom = new(2025, 1, 1);
    private static readonly LocalDate BaselineTo = new(2025, 3, 31);

    [Fact]
    public void PerUnit_IsSciOverTheTwelveMonthsToTheLatestUsageDay()
    {
        // baseline Q1 2025: 1000 vCPU-h, 1000 units; now: Q2 2026 500 vCPU-h, 1000 units (the baseline lies outside the window)
        var w = Workload("api",
            Record("api", BaselineFrom, BaselineTo, 1000, 1000),
            Record("api", new LocalDate(2026, 4, 1), new LocalDate(2026, 6, 30), 500, 1000));

        var basis = ItClaimCalculator.Figures("api", "Shop API", [w], BaselineFrom, BaselineTo);

        // window: 2025-07-01 to 2026-06-30; kg = 500 × 0.0007483282 = 0.3741641; per unit ÷ 1000 = 0.0003741641
        var f = basis.Figures;
        Assert.Null(f.FootprintProblem);
        Assert.Equal(new LocalDate(2025, 7, 1), f.It!.From);
        Assert.Equal(new LocalDate(2026, 6, 30), f.It.To);
        Assert.Equal(0.3741641m, f.It.KgCo2e);
        Assert.Equal(0.0003741641m, f.FootprintKgCo2e);
        Assert.Equal(1, f.It.Records);
        // baseline: 0.7483282 kg ÷ 1000 units
        Assert.Equal(0.0007483282m, f.It.BaselineKgPerUnit);
        Assert.Equal("1,000 requests", f.DeclaredUnit);
        Assert.Equal(ItClaimCalculator.Version, f.Calculator);
        Assert.Equal(GridIntensities.Dataset, f.Dataset);
        Assert.Equal(f.LineageRootSha256, basis.Lineage.RootSha256);
        Assert.Equal(2, basis.Lineage.Inputs.Count);
        Assert.Equal(basis.Lineage.RootSha256, EsgTrace.Lineage.LineageBuilder.RootOf(basis.Lineage));

        var limit = ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.ItEmissionsPerUnitAtMost, 0.0004m), f);
        Assert.True(limit.Holds, limit.Explanation);
        Assert.Equal(0.0003741641m, limit.Actual);

        // reduction: (0.0007483282 − 0.0003741641) ÷ 0.0007483282 = 50 %
        var reduction = ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.ItEmissionsReduction, 40), f);
        Assert.True(reduction.Holds, reduction.Explanation);
        Assert.Equal(50m, reduction.Actual);
        Assert.Contains("50 % against the claimed 40 %", reduction.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void NewerUsage_MovesTheWindow_AndBreaksTheClaims()
    {
        var w = Workload("api",
            Record("api", BaselineFrom, BaselineTo, 1000, 1000),
            Record("api", new LocalDate(2026, 4, 1), new LocalDate(2026, 6, 30), 500, 1000),
            Record("api", new LocalDate(2026, 7, 1), new LocalDate(2026, 7, 31), 1000, 200));

        var f = ItClaimCalculator.Figures("api", "Shop API", [w], BaselineFrom, BaselineTo).Figures;

        // window 2025-08-01 to 2026-07-31: (0.3741641 + 0.7483282) kg ÷ (1000 + 200) units = 1.1224923 ÷ 1200 = 0.00093541025
        Assert.Equal(new LocalDate(2025, 8, 1), f.It!.From);
        Assert.Equal(0.00093541025m, f.FootprintKgCo2e);
        Assert.False(ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.ItEmissionsPerUnitAtMost, 0.0004m), f).Holds);
        // (0.0007483282 − 0.00093541025) ÷ 0.0007483282 = −25 %
        var reduction = ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.ItEmissionsReduction, 40), f);
        Assert.False(reduction.Holds);
        Assert.Equal(-25m, reduction.Actual);
    }

    [Fact]
    public void Group_SumsKgAndUnits_AndARecordCutByTheWindowCountsWithItsShareOfDays()
    {
        // a: 2025-06-01..2025-07-31 (61 days) 610 vCPU-h, 610 units: 31 of its days fall in the window 2025-07-01..2026-06-30
        // b: 2026-06-01..2026-06-30 300 vCPU-h, 100 units
        var a = Workload("a", Record("a", new LocalDate(2025, 6, 1), new LocalDate(2025, 7, 31), 610, 610));
        var b = Workload("b", Record("b", new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 30), 300, 100));

        var f = ItClaimCalculator.Figures("web", "Web", [a, b], null, null).Figures;

        // kg = 610 × 0.0007483282 × 31/61 + 300 × 0.0007483282 = (310 + 300) × 0.0007483282 = 0.456480202
        // units = 610 × 31/61 + 100 = 410
        Assert.Equal(0.456480202m, Math.Round(f.It!.KgCo2e, 12));
        Assert.Equal(410m, Math.Round(f.It.FunctionalUnits, 12));
        Assert.Equal(Math.Round(0.456480202m / 410, 14), Math.Round(f.FootprintKgCo2e!.Value, 14));
        Assert.Equal(2, f.It.ByWorkload.Count);
    }

    [Fact]
    public void MissingUnits_DifferentUnits_OverlappingBaseline_AreNamedProblems()
    {
        var noUnits = ItClaimCalculator.Figures("api", "API", [Workload("api", Record("api", BaselineFrom, BaselineTo, 10, null))], null, null).Figures;
        Assert.Null(noUnits.FootprintKgCo2e);
        Assert.Contains("state no functional units", noUnits.FootprintProblem, StringComparison.Ordinal);

        var mixed = ItClaimCalculator.Figures("g", "G", [Workload("a", Record("a", BaselineFrom, BaselineTo, 10, 1)), new ItClaimWorkload("b", "B", "user", [Record("b", BaselineFrom, BaselineTo, 10, 1)])], null, null).Figures;
        Assert.Contains("different functional units", mixed.FootprintProblem, StringComparison.Ordinal);
        Assert.False(ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.ItEmissionsPerUnitAtMost, 1), mixed).Holds);

        // the baseline Q1 2025 overlaps the window that ends on 2025-12-31
        var overlap = ItClaimCalculator.Figures("api", "API", [Workload("api", Record("api", BaselineFrom, BaselineTo, 10, 10), Record("api", new LocalDate(2025, 12, 1), new LocalDate(2025, 12, 31), 1, 10))], BaselineFrom, BaselineTo).Figures;
        var verdict = ClaimEvaluator.Evaluate(new ClaimRule(ClaimType.ItEmissionsReduction, 10), overlap);
        Assert.False(verdict.Holds);
        Assert.StartsWith("Not comparable: the baseline period", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Wording_MustStateTheFigure_TheUnit_AndThatItIsAboutIt()
    {
        var rule = new ClaimRule(ClaimType.ItEmissionsPerUnitAtMost, 0.0004m);
        Assert.Empty(WordingCheck.Problems("IT emissions of the shop API at most 0.0004 kg CO2e per 1,000 requests", rule));
        Assert.Contains(WordingCheck.Problems("At most 0 kg CO2e per 1,000 requests", rule), p => p.Contains("(0.0004)", StringComparison.Ordinal));
        Assert.Contains(WordingCheck.Problems("The shop uses at most 0.0004 kg CO2e per order", rule), p => p.Contains("covers IT", StringComparison.Ordinal));
        Assert.Contains(WordingCheck.Problems("Green IT: at most 0.0004 kg CO2e per 1,000 requests", rule), p => p.Contains("\"green\"", StringComparison.Ordinal));
        var reduction = new ClaimRule(ClaimType.ItEmissionsReduction, 40);
        Assert.Empty(WordingCheck.Problems("IT emissions per 1,000 requests of the shop API cut by 40 % (kg CO2e) against Q1 2025", reduction));
        Assert.Contains(WordingCheck.Problems("IT emissions per 1,000 requests cut by 40 kg CO2e", reduction), p => p.Contains('%', StringComparison.Ordinal));
    }

    [Fact]
    public void Approvers_OfAnItClaim_AreTheCioOnly()
    {
        Assert.Equal([Roles.It], ItClaims.Approvers(ClaimType.ItEmissionsReduction));
        Assert.Equal([Roles.It, Roles.Auditor], ItClaims.Approvers(ClaimType.FootprintAtMost));
    }
}
