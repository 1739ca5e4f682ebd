using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// Time-matched factors from imported measured intensity: a usage record over the UTC days [start, end] takes the mean
/// of the measured figures over its hours, each weighted by the minutes it covers, and the factor that applies otherwise
/// for the minutes no measurement covers. The record's energy is assumed spread evenly over its period (usage records
/// give no finer time), which is stated in the factor's source.
/// </summary>
public sealed class HourlyGridFactors(IReadOnlyList<SourcedPoint> measured) : IGridFactorLookup
{
    private readonly ILookup<string, SourcedPoint> byLocation = measured.ToLookup(p => p.Point.Location, StringComparer.Ordinal);

    public static HourlyGridFactors None { get; } = new([]);

    public bool IsEmpty => measured.Count == 0;

    public MatchedGridFactor? Lookup(string provider, string region, LocalDate start, LocalDate end, MatchedGridFactor otherwise)
    {
        var from = start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var to = end.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var total = (decimal)(to - from).TotalMinutes;
        var covered = 0m;
        var weighted = 0m;
        var datasets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var p in byLocation[HourlyIntensityDataset.RegionKey(provider, region)])
        {
            var minutes = CarbonAwareQueries.Overlap(p.Point, from, to);
            if (minutes > 0)
            {
                covered += minutes;
                weighted += minutes * p.Point.KgCo2ePerKwh;
                datasets.Add(p.Dataset);
            }
        }

        if (covered == 0 || total <= 0)
        {
            return null;
        }

        var factor = (weighted + ((total - covered) * otherwise.KgCo2ePerKwh)) / total;
        var hours = Numbers.Plain(Math.Round(covered / 60, 2));
        var all = Numbers.Plain(total / 60);
        var source = $"time-matched: measured intensity for {hours} of {all} h ({string.Join(", ", datasets)}; minute-weighted mean, energy taken as even over the period)"
            + (covered < total ? $", the other hours at {Numbers.Plain(otherwise.KgCo2ePerKwh)} kg CO2e/kWh from {otherwise.Source}" : string.Empty);
        return new MatchedGridFactor(factor, source);
    }
}
