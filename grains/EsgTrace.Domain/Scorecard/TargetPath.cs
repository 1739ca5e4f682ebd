using EsgTrace.GreenIt;
using NodaTime;

namespace EsgTrace.Scorecard;

/// <summary>
/// The straight line to a reduction target, month by month: a month's allowance = the baseline year's emissions ÷ 12 ×
/// (1 − the reduction the line expects at the month's last day ÷ 100), the line running from 0 % at the end of the
/// baseline year to the target's percentage at the end of the target year (clamped outside that span).
/// </summary>
public static class TargetPath
{
    /// <param name="month">"yyyy-MM".</param>
    public static decimal MonthlyAllowance(TargetProgress progress, string month)
    {
        var t = progress.Target;
        var first = new LocalDate(int.Parse(month[..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(month[5..7], System.Globalization.CultureInfo.InvariantCulture), 1);
        var last = first.PlusMonths(1).PlusDays(-1);
        var start = new LocalDate(t.BaselineYear, 12, 31);
        var end = new LocalDate(t.TargetYear, 12, 31);
        var span = Period.DaysBetween(start, end);
        var elapsed = Math.Clamp(Period.DaysBetween(start, last), 0, span);
        var expected = span == 0 ? t.ReductionPercent : t.ReductionPercent * elapsed / span;
        return progress.BaselineKgCo2e / 12 * (1 - (expected / 100));
    }
}
