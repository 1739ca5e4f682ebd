using EsgTrace.GreenIt;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt.CarbonAware;

public sealed class IntensitySeriesCsvTests
{
    private static readonly Instant Generated = Instant.FromUtc(2026, 12, 1, 6, 0);

    private static (IntensitySeries? Series, IReadOnlyList<string> Errors) Parse(string rows, string source = "test grid operator, 2026")
        => IntensitySeriesCsv.Parse("grid", "1", "Test grid", source, "CC-BY-4.0", Generated, new StringReader("region,start,end,kg_co2e_per_kwh,kind\n" + rows));

    [Fact]
    public void GoodFile_GivesSortedPoints_KeyedByProviderRegion_WithOffsetsTurnedToInstants()
    {
        var (series, errors) = Parse(
            "aws:eu-central-1,2026-12-01T11:00:00+01:00,2026-12-01T12:00:00+01:00,0.250,forecast\n" +
            "aws:eu-central-1,2026-12-01T09:00:00Z,2026-12-01T10:00:00Z,0.3,forecast\n" +
            "azure:westeurope,2026-11-30T23:00:00Z,2026-11-30T23:30:00Z,0.2,measured\n");

        Assert.Empty(errors);
        Assert.Equal("grid@1", series!.Ref);
        Assert.Equal(Generated, series.GeneratedAt);
        Assert.Equal(["aws:EU_CENTRAL_1", "aws:EU_CENTRAL_1", "azure:EU_WEST"], series.Points.Select(p => p.Location));
        // 11:00+01:00 is 10:00Z, so it sorts after 09:00Z
        Assert.Equal([Instant.FromUtc(2026, 12, 1, 9, 0), Instant.FromUtc(2026, 12, 1, 10, 0)], series.Points.Take(2).Select(p => p.Start));
        Assert.Equal(Duration.FromMinutes(30), series.Points[2].Length);
        Assert.Equal(IntensityKind.Measured, series.Points[2].Kind);
    }

    [Fact]
    public void EveryBadRow_IsReportedWithItsLine_AndNothingIsReturned()
    {
        var (series, errors) = Parse(
            "aws:eu-central-1,2026-12-01T09:00:00Z,2026-12-01T10:00:00Z,0.3,measured\n" +     // line 2: fine
            "eu-central-1,2026-12-01T10:00:00Z,2026-12-01T11:00:00Z,0.3,measured\n" +         // line 3: no provider
            "aws:eu-central-1,2026-12-01T12:00:00Z,2026-12-01T11:00:00Z,0.3,measured\n" +     // line 4: end before start
            "aws:eu-central-1,2026-12-01T13:00:00,2026-12-01T14:00:00Z,0.3,measured\n" +      // line 5: no offset
            "aws:eu-central-1,2026-12-01T14:00:00Z,2026-12-01T15:00:00Z,3.5,measured\n" +     // line 6: out of range
            "aws:eu-central-1,2026-12-01T15:00:00Z,2026-12-01T16:00:00Z,0.3,guessed\n" +      // line 7: kind
            "aws:eu-central-1,2026-12-01T09:30:00Z,2026-12-01T10:30:00Z,0.3,measured\n" +     // line 8: overlaps line 2
            "aws:eu-central-1,2026-12-01T09:30:00Z,2026-12-01T10:30:00Z,0.3,forecast\n");     // line 9: other kind, fine

        Assert.Null(series);
        Assert.Contains(errors, e => e.StartsWith("Line 3: region", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Line 4: end must come after start", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Line 5: start", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Line 6: kg_co2e_per_kwh", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Line 7: kind", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Line 8:", StringComparison.Ordinal) && e.Contains("overlaps line 2", StringComparison.Ordinal));
        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void WrongHeaderOrMissingSource_IsRefused()
    {
        Assert.Contains(Parse("x", source: " ").Errors, e => e.Contains("'source'", StringComparison.Ordinal));
        var (_, errors) = IntensitySeriesCsv.Parse("grid", "1", "", "src", "", Generated, new StringReader("region,hour_utc,kg_co2e_per_kwh\n"));
        Assert.Contains(errors, e => e.StartsWith("Line 1: the header", StringComparison.Ordinal));
    }
}
