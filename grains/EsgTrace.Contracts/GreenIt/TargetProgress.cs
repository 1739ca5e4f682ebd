using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>How far a target has come: baseline-year emissions against the latest twelve months of data, and the straight-line path.</summary>
[GenerateSerializer, Immutable, Alias("esg.target-progress")]
public sealed record TargetProgress(
    GreenItTarget Target, decimal BaselineKgCo2e, LocalDate CurrentFrom, LocalDate CurrentTo, decimal CurrentKgCo2e,
    decimal AchievedPercent, decimal ExpectedPercentByNow, bool OnTrack, string Explanation);

/// <summary>Measures a reduction target on location-based emissions, each usage record spread evenly over its days.</summary>
public static class TargetProgressCalculator
{
    public static TargetProgress? Of(GreenItTarget target, IReadOnlyCollection<UsageEmissions> all)
    {
        if (all.Count == 0)
        {
            return null;
        }

        var baselineFrom = new LocalDate(target.BaselineYear, 1, 1);
        var baselineTo = new LocalDate(target.BaselineYear, 12, 31);
        var baseline = all.Sum(e => PeriodShare.Kg(e, baselineFrom, baselineTo));
        var asOf = all.Max(e => e.PeriodEnd);
        var currentFrom = asOf.PlusYears(-1).PlusDays(1);
        var current = all.Sum(e => PeriodShare.Kg(e, currentFrom, asOf));
        var achieved = baseline == 0 ? 0 : (baseline - current) / baseline * 100;
        var targetEnd = new LocalDate(target.TargetYear, 12, 31);
        var span = Period.DaysBetween(baselineTo, targetEnd);
        var elapsed = Math.Clamp(Period.DaysBetween(baselineTo, asOf), 0, span);
        var expected = span == 0 ? target.ReductionPercent : target.ReductionPercent * elapsed / span;
        var onTrack = baseline > 0 && achieved >= expected;
        var explanation = baseline == 0
            ? $"No usage is recorded in the baseline year {target.BaselineYear}; record it to measure progress."
            : $"{Numbers.Plain(Math.Round(achieved, 1))} % below {target.BaselineYear} ({Numbers.Plain(Math.Round(baseline, 1))} kg CO2e in {target.BaselineYear}; {Numbers.Plain(Math.Round(current, 1))} kg CO2e from {currentFrom:yyyy-MM-dd} to {asOf:yyyy-MM-dd}); the straight line to −{Numbers.Plain(target.ReductionPercent)} % by {target.TargetYear} expects −{Numbers.Plain(Math.Round(expected, 1))} % by now: {(onTrack ? "on track" : "behind")}."
              + (currentFrom <= baselineTo ? $" Provisional: the latest twelve months still overlap {target.BaselineYear}." : string.Empty);
        return new TargetProgress(target, baseline, currentFrom, asOf, current, achieved, expected, onTrack, explanation);
    }
}
