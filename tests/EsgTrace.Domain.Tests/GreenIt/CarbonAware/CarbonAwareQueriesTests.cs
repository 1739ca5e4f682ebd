using EsgTrace.GreenIt;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt.CarbonAware;

/// <summary>The Carbon Aware SDK's rules on our data, with the windows averaged by hand (ratings in g CO2e/kWh = kg × 1000).</summary>
public sealed class CarbonAwareQueriesTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 12, 2, 0, 0);

    private static Instant T(double hours) => T0 + Duration.FromMinutes(hours * 60);

    // Six hourly forecast points from T0: 0.30, 0.20, 0.10, 0.15, 0.40, 0.50 kg CO2e/kWh.
    private static readonly decimal[] Values = [0.30m, 0.20m, 0.10m, 0.15m, 0.40m, 0.50m];

    private static CurrentForecast Forecast() => new("aws:EU_CENTRAL_1", "fc@1", T(-1), [.. Values.Select((v, i) => new IntensityPoint("aws:EU_CENTRAL_1", T(i), T(i + 1), v, IntensityKind.Forecast))]);

    [Fact]
    public void TwoHourWindows_AreRollingMeans_SteppedByOnePoint_AndTheLowestIsOptimal()
    {
        var f = CarbonAwareQueries.Forecast(Forecast(), null, null, 120, T(-0.5)).Value!;

        // means: (0.30+0.20)/2 = 0.25, (0.20+0.10)/2 = 0.15, (0.10+0.15)/2 = 0.125, (0.15+0.40)/2 = 0.275, (0.40+0.50)/2 = 0.45
        Assert.Equal([250m, 150m, 125m, 275m, 450m], f.ForecastData.Select(d => d.Rating));
        Assert.Equal([T(0), T(1), T(2), T(3), T(4)], f.ForecastData.Select(d => d.Time));
        var optimal = Assert.Single(f.OptimalDataPoints);
        Assert.Equal((T(2), 125m, 120), (optimal.Time, optimal.Rating, optimal.DurationMinutes));
        Assert.Equal((T(0), T(6), 120), (f.DataStartAt, f.DataEndAt, f.WindowSize));
    }

    [Fact]
    public void AStartInsideAPoint_WeighsEachPointByTheMinutesInTheWindow()
    {
        var f = CarbonAwareQueries.Forecast(Forecast(), T(0.5), T(3), 60, T(0)).Value!;

        // [00:30, 01:30): 30 min × 0.30 + 30 min × 0.20 over 60 min = 0.25; [01:30, 02:30): 0.15; the next window would end after 03:00
        Assert.Equal([250m, 150m], f.ForecastData.Select(d => d.Rating));
        Assert.Equal(T(1.5), Assert.Single(f.OptimalDataPoints).Time);
    }

    [Fact]
    public void WithoutWindowSize_ThePointsThemselvesAreTheWindows()
    {
        var f = CarbonAwareQueries.Forecast(Forecast(), null, null, null, T(0)).Value!;

        Assert.Equal(60, f.WindowSize);
        Assert.Equal(Values.Select(v => v * 1000), f.ForecastData.Select(d => d.Rating));
    }

    [Theory]
    [InlineData(-1.0, 3.0, 60, "dataStartAt")]
    [InlineData(3.0, 7.0, 60, "dataEndAt")]
    [InlineData(3.0, 2.0, 60, "dataStartAt")]
    [InlineData(0.0, 3.0, 0, "windowSize")]
    public void ParametersOutsideTheForecast_AreValidationProblemsNamingTheParameter(double start, double end, int window, string field)
    {
        var outcome = CarbonAwareQueries.Forecast(Forecast(), T(start), T(end), window, T(0));

        Assert.False(outcome.IsOk);
        Assert.Equal(ProblemKind.Validation, outcome.Problem!.Kind);
        Assert.True(outcome.Problem.Errors!.ContainsKey(field));
    }

    [Fact]
    public void ByLocations_TakesPointsThatEndAfterTheStartAndStartByTheEnd_AndBestKeepsTies()
    {
        SourcedPoint P(string location, double hour, decimal kg) => new(new IntensityPoint(location, T(hour), T(hour + 1), kg, IntensityKind.Measured), "m@1");
        var measured = new[] { P("aws:EU_CENTRAL_1", 0, 0.3m), P("aws:EU_CENTRAL_1", 1, 0.2m), P("aws:EU_CENTRAL_1", 2, 0.1m), P("aws:EU_NORTH_1", 1, 0.1m), P("gcp:X", 1, 0.01m) };

        // [01:00, 01:00]: the 00:00 point ends at 01:00 (not after), so only the 01:00 points count
        var at = CarbonAwareQueries.ByLocations(measured, ["aws:EU_CENTRAL_1", "aws:EU_NORTH_1"], T(1), T(1));
        Assert.Equal([("aws:EU_CENTRAL_1", 200m), ("aws:EU_NORTH_1", 100m)], at.Select(d => (d.Location, d.Rating)));

        var range = CarbonAwareQueries.ByLocations(measured, ["aws:EU_CENTRAL_1", "aws:EU_NORTH_1"], T(0), T(2.5));
        Assert.Equal(4, range.Count);
        Assert.Equal([("aws:EU_CENTRAL_1", T(2)), ("aws:EU_NORTH_1", T(1))], CarbonAwareQueries.Best(range).Select(d => (d.Location, d.Time)));
    }

    [Fact]
    public void Period_FollowsTheSdkDefaultsAndChecks()
    {
        Assert.Equal((T(0), T(0)), (CarbonAwareQueries.Period(["a"], null, null, T(0)).Start, CarbonAwareQueries.Period(["a"], null, null, T(0)).End));
        Assert.True(CarbonAwareQueries.Period(["a"], null, T(1), T(0)).Problem!.Errors!.ContainsKey("time"));
        Assert.True(CarbonAwareQueries.Period(["a"], T(2), T(1), T(0)).Problem!.Errors!.ContainsKey("time"));
        Assert.True(CarbonAwareQueries.Period([], null, null, T(0)).Problem!.Errors!.ContainsKey("location"));
    }
}
