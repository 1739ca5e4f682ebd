using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>Spreads a usage record evenly over its days, so a month or year receives the share of the days it overlaps.</summary>
public static class PeriodShare
{
    /// <summary>The fraction (0..1) of [start, end] that falls within [from, to]; all dates inclusive.</summary>
    public static decimal Fraction(LocalDate start, LocalDate end, LocalDate from, LocalDate to)
    {
        var a = start > from ? start : from;
        var b = end < to ? end : to;
        if (b < a)
        {
            return 0;
        }

        return (decimal)(Period.DaysBetween(a, b) + 1) / (Period.DaysBetween(start, end) + 1);
    }

    public static decimal Kg(UsageEmissions e, LocalDate from, LocalDate to) => e.Result.TotalKgCo2e * Fraction(e.PeriodStart, e.PeriodEnd, from, to);
}
