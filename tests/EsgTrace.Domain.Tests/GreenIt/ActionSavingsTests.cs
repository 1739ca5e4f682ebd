using EsgTrace.GreenIt;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt;

/// <summary>Savings from before/after records with round figures, so the arithmetic in each comment is checkable by eye.</summary>
public sealed class ActionSavingsTests
{
    private static readonly LocalDate March = new(2026, 3, 1);

    private static UsageEmissions Month(int year, int month, decimal kg, decimal? units, int? days = null)
    {
        var start = new LocalDate(year, month, 1);
        var end = days is { } d ? start.PlusDays(d - 1) : start.PlusMonths(1).PlusDays(-1);
        return new UsageEmissions("w", start, end, "aws", "EU_CENTRAL_1", new ItCarbonResult(0, 0, 0, 0, 0, 0, kg, 0, [], "test"), null, units, "test");
    }

    private static Dictionary<string, IReadOnlyList<UsageEmissions>> Records(params UsageEmissions[] e) => new() { ["w"] = e };

    private static GreenItAction Action(GreenItActionKind kind = GreenItActionKind.Rightsizing, decimal? estimate = null) => new("Rightsize", kind, March, ["w"], estimate);

    [Fact]
    public void Realised_PerFunctionalUnit_WhenEveryRecordStatesItsUnits()
    {
        var saving = ActionSavings.Of("a", Action(), Records(Month(2025, 12, 12, 1000), Month(2026, 1, 10, 1000), Month(2026, 3, 6, 1200)), new LocalDate(2026, 3, 31));

        // baseline (12 + 10) / 2000 = 0.011 kg per unit; after 6 / 1200 = 0.005; 0.006 × 1200 units = 7.2 kg; 0.006 / 0.011 = 54.54…%
        Assert.Equal(SavingStatus.Realised, saving.Status);
        Assert.Equal(7.2m, saving.SavingKgCo2e);
        Assert.Equal(54.545m, Math.Round(saving.SavingPercent, 3));
        Assert.Equal("per functional unit", saving.Workloads.Single().Basis);
    }

    [Fact]
    public void Realised_PerDay_WhenUnitsAreMissing()
    {
        var saving = ActionSavings.Of("a", Action(), Records(Month(2025, 12, 12, null), Month(2026, 1, 10, null), Month(2026, 3, 6, null)), new LocalDate(2026, 3, 31));

        // baseline 22 kg / 62 days; after 6 kg / 31 days; (22/62 − 6/31) × 31 days = 11 − 6 = 5 kg
        Assert.Equal(5m, Math.Round(saving.SavingKgCo2e, 10));
        Assert.Equal("per day", saving.Workloads.Single().Basis);
    }

    [Fact]
    public void Estimated_UntilTwentyEightDaysOfAfterData()
    {
        var saving = ActionSavings.Of("a", Action(estimate: 20), Records(Month(2025, 12, 12, null), Month(2026, 1, 10, null), Month(2026, 3, 2, null, days: 10)), new LocalDate(2026, 3, 10));

        // 22 kg / 62 days × 365 days × 20 % = 25.9032… kg a year
        Assert.Equal(SavingStatus.Estimated, saving.Status);
        Assert.Equal(25.903m, Math.Round(saving.EstimatedAnnualKgCo2e!.Value, 3));
    }

    [Fact]
    public void Decommissioning_CountsTheDaysWithoutUsageAsZero()
    {
        var saving = ActionSavings.Of("a", Action(GreenItActionKind.Decommissioning), Records(Month(2025, 12, 12, null), Month(2026, 1, 10, null)), new LocalDate(2026, 3, 31));

        // 22 kg / 62 days × 31 days since 1 March = 11 kg avoided
        Assert.Equal(SavingStatus.Realised, saving.Status);
        Assert.Equal(11m, Math.Round(saving.SavingKgCo2e, 10));
    }

    [Fact]
    public void NoBaseline_SaysSo()
    {
        var saving = ActionSavings.Of("a", Action(), Records(Month(2026, 3, 6, null)), new LocalDate(2026, 3, 31));

        Assert.Equal(SavingStatus.NoBaseline, saving.Status);
    }

    [Fact]
    public void Target_ComparesTheBaselineYearWithTheLatestTwelveMonths()
    {
        // 2025: 12 months of 100 kg = 1200 kg. 2026: 12 months of 80 kg = 960 kg → 20 % below.
        var records = Enumerable.Range(1, 12).Select(m => Month(2025, m, 100, null)).Concat(Enumerable.Range(1, 12).Select(m => Month(2026, m, 80, null))).ToList();

        var progress = TargetProgressCalculator.Of(new GreenItTarget(2025, 2030, 30, "−30 %"), records)!;

        // The straight line from 31 Dec 2025 to 31 Dec 2030 (1826 days) expects 30 % × 365 / 1826 = 5.996… % by 31 Dec 2026.
        Assert.Equal(1200m, progress.BaselineKgCo2e);
        Assert.Equal(960m, progress.CurrentKgCo2e);
        Assert.Equal(20m, progress.AchievedPercent);
        Assert.Equal(5.997m, Math.Round(progress.ExpectedPercentByNow, 3));
        Assert.True(progress.OnTrack);
    }

    [Fact]
    public void PeriodShare_SpreadsARecordEvenlyOverItsDays()
    {
        // 1-31 Jan cut at 10 Jan: 10 of 31 days
        Assert.Equal(10m / 31, PeriodShare.Fraction(new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 31), new LocalDate(2025, 12, 1), new LocalDate(2026, 1, 10)));
        Assert.Equal(0m, PeriodShare.Fraction(new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 31), new LocalDate(2026, 2, 1), new LocalDate(2026, 2, 10)));
    }

    [Fact]
    public void PlatformSamples_AddUpToOneRecordPerDay()
    {
        var day = new LocalDate(2026, 11, 23);
        // 1 h on 2 cores with 0.5 h CPU: 2 vCPU-h at 25 %; 2 GB working set: 2 GB-h; 1 TB stored: 1 TB-h
        var first = PlatformUsage.Add(null, "p", day, "on-premises", "DE", new PlatformSample(TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), 2, 2_000_000_000, 1_000_000_000_000));
        // another hour, CPU 1.5 h: 4 vCPU-h in all, 2 h used → 50 %
        var second = PlatformUsage.Add(first, "p", day, "on-premises", "DE", new PlatformSample(TimeSpan.FromHours(1), TimeSpan.FromMinutes(90), 2, 2_000_000_000, 0));

        Assert.Equal(25m, first.Usage.CpuUtilisationPercent);
        Assert.Equal(4m, second.Usage.VcpuHours);
        Assert.Equal(50m, second.Usage.CpuUtilisationPercent);
        Assert.Equal(4m, second.Usage.MemoryGbHours);
        Assert.Equal(1m, second.Usage.SsdTbHours);
        Assert.Equal(2m, second.FunctionalUnits);
        Assert.Equal(day, PlatformUsage.Add(second, "p", day.PlusDays(1), "on-premises", "DE", new PlatformSample(TimeSpan.FromHours(1), TimeSpan.Zero, 2, 0, 0)).PeriodStart.PlusDays(-1));
    }
}
