using EsgTrace.Claims;
using EsgTrace.GreenIt;
using EsgTrace.Scorecard;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.Scorecard;

/// <summary>The scorecard's KPIs from claims, actions and a target, worked out by hand.</summary>
public sealed class ScorecardBuilderTests
{
    private static readonly LocalDate Today = new(2026, 12, 1);
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);

    private static ClaimView Claim(string id, ClaimStatus status, LocalDate validUntil, Duration? toPublication)
    {
        var draft = new ClaimDraft("p", ClaimType.FootprintAtMost, 1, "x", validUntil);
        var steps = new List<ClaimStep> { new("drafted", "m", T0, "x", null) };
        if (toPublication is { } d)
        {
            steps.Add(new ClaimStep("published", "m", T0 + d, "x", null));
        }

        var current = new ClaimStatusView(status, status.ToString(), ClaimTone.Neutral, "", "", null, null, 1, null, null);
        return new ClaimView(id, draft, status, current, null, null, steps, "m", 1, null);
    }

    private static GreenItDashboard Dashboard(IReadOnlyList<ActionSaving> actions, TargetProgress? target = null)
        => new(new LocalDate(2026, 1, 1), new LocalDate(2026, 2, 28), 0, 30, 0, null, "", ["2026-01", "2026-02"],
            [new MonthPoint("2026-01", "a", 10), new MonthPoint("2026-01", "b", 5), new MonthPoint("2026-02", "a", 15)],
            new Dictionary<string, decimal>(), new Dictionary<string, decimal>(), [], actions, target, [], []);

    private static ActionSaving Saving(string id, decimal kg, ActionCost? cost)
        => new(id, new GreenItAction(id, GreenItActionKind.Rightsizing, new LocalDate(2026, 1, 1), ["a"], Cost: cost), SavingStatus.Realised, kg, 10, null, [], "");

    [Fact]
    public void ClaimKpis_CountStandings_Expiry_AndDaysFromDraftToPublication()
    {
        var claims = new[]
        {
            Claim("a", ClaimStatus.Published, new LocalDate(2027, 3, 1), Duration.FromHours(36)),  // 90 days left: expiring
            Claim("b", ClaimStatus.Published, new LocalDate(2027, 3, 2), Duration.FromDays(4)),    // 91 days left
            Claim("c", ClaimStatus.AtRisk, new LocalDate(2027, 1, 1), Duration.FromDays(10)),      // expiring
            Claim("d", ClaimStatus.Draft, new LocalDate(2027, 1, 1), null),                        // a draft never expires here
            Claim("e", ClaimStatus.Withdrawn, new LocalDate(2027, 1, 1), Duration.FromDays(1)),
            Claim("f", ClaimStatus.Verified, new LocalDate(2027, 1, 1), null),
        };

        var s = ScorecardBuilder.Build(new LocalDate(2026, 1, 1), new LocalDate(2026, 2, 28), Today, claims, [], Dashboard([]));

        Assert.Equal((6, 1, 1, 2, 1, 2, 0, 1), (s.Claims.Total, s.Claims.Draft, s.Claims.InReview, s.Claims.Published, s.Claims.AtRisk, s.Claims.Expiring, s.Claims.Expired, s.Claims.Withdrawn));
        // days to publication: 1.5, 4, 10, 1 → mean 16.5 / 4 = 4.125 → 4.13 (half away from zero); median (1.5 + 4) / 2 = 2.75
        Assert.Equal(4, s.Claims.PublishedEver);
        Assert.Equal(4.13m, s.Claims.MeanDaysToPublication);
        Assert.Equal(2.75m, s.Claims.MedianDaysToPublication);
        Assert.Equal(1.5m, s.ClaimList.Single(c => c.Id == "a").DaysToPublication);
        Assert.Equal("/api/claims/a/lineage?format=prov", s.ClaimList.Single(c => c.Id == "a").Lineage);
    }

    [Fact]
    public void Money_IsPerActionAndPerCurrency_WithPayback_NeverConverted()
    {
        var actions = new[]
        {
            Saving("r", 12.5m, new ActionCost(1200, 300, SavingPeriod.Month, "EUR")),   // payback 1200 / 300 = 4 months
            Saving("h", 100m, new ActionCost(48000, 9600, SavingPeriod.Year, "EUR")),   // 800 a month, payback 60 months
            Saving("q", 1m, new ActionCost(900, 600, SavingPeriod.Quarter, "USD")),     // 200 a month, payback 4.5 months
            Saving("n", 2m, null),
        };

        var s = ScorecardBuilder.Build(new LocalDate(2026, 1, 1), new LocalDate(2026, 2, 28), Today, [], [], Dashboard(actions));

        Assert.Equal(4m, s.Savings.Single(a => a.ActionId == "r").Money!.PaybackMonths);
        Assert.Equal(800m, s.Savings.Single(a => a.ActionId == "h").Money!.MonthlySaving);
        Assert.Equal(60m, s.Savings.Single(a => a.ActionId == "h").Money!.PaybackMonths);
        Assert.Equal(4.5m, s.Savings.Single(a => a.ActionId == "q").Money!.PaybackMonths);
        Assert.Null(s.Savings.Single(a => a.ActionId == "n").Money);
        // EUR: cost 49,200, 1,100 a month (13,200 a year), payback 49,200 / 1,100 = 44.7272… months; USD apart
        var eur = s.MoneyTotals.Single(t => t.Currency == "EUR");
        Assert.Equal((49200m, 1100m, 13200m), (eur.OneOffCost, eur.MonthlySaving, eur.AnnualSaving));
        Assert.Equal(44.73m, Math.Round(eur.PaybackMonths!.Value, 2));
        Assert.Equal(200m, s.MoneyTotals.Single(t => t.Currency == "USD").MonthlySaving);
        Assert.Equal("Payback 4 months = one-off cost 1,200.00 EUR ÷ 300.00 EUR saved a month (300.00 EUR a month).", s.Savings.Single(a => a.ActionId == "r").Money!.Explanation);
        Assert.Equal("/api/scorecard/lineage/actions/r?from=2026-01-01&to=2026-02-28", s.Savings.Single(a => a.ActionId == "r").Lineage);
    }

    [Fact]
    public void ItEmissions_ByMonth_AndTheTargetPath()
    {
        // −30 % from the end of 2025 to the end of 2030 (1826 days); baseline 1,200 kg (100 a month)
        var target = new TargetProgress(new GreenItTarget(2025, 2030, 30, "t"), 1200, new LocalDate(2025, 3, 1), new LocalDate(2026, 2, 28), 1000, 16.7m, 1, true, "x");

        var s = ScorecardBuilder.Build(new LocalDate(2026, 1, 1), new LocalDate(2026, 2, 28), Today, [], [], Dashboard([], target));

        Assert.Equal([15m, 15m], s.It.MonthlyKgCo2e);
        // January: 31 days after 2025-12-31 → 30 × 31 / 1826 % expected; allowance 100 × (1 − that / 100)
        Assert.Equal(100m * (1 - (30m * 31 / 1826 / 100)), s.It.TargetPathKgCo2e[0]);
        // February: 59 days
        Assert.Equal(100m * (1 - (30m * 59 / 1826 / 100)), s.It.TargetPathKgCo2e[1]);
    }
}
