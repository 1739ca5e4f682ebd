using EsgTrace.GreenIt;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt.CarbonAware;

/// <summary>
/// Usage records take the measured intensity of their own hours, worked out by hand. 100 vCPU-hours on AWS at the 50 %
/// fallback are (0.74 + 0.5 × 2.76) W × 100 × 1.135 / 1000 = 0.24062 kWh; eu-central-1's static CCF factor is 0.311.
/// </summary>
public sealed class HourlyTimeMatchingTests
{
    private static readonly WorkloadDefinition Definition = new("API", "team", "aws", "eu-central-1", "request");

    private static Instant At(int day, int hour) => Instant.FromUtc(2026, 3, day, hour, 0);

    private static IntensityPoint Hour(int day, int hour, decimal kg) => new("aws:EU_CENTRAL_1", At(day, hour), At(day, hour).Plus(Duration.FromHours(1)), kg, IntensityKind.Measured);

    // 1 March 2026: hours 00-11 measured at 0.2, hours 12-23 at 0.4 kg CO2e/kWh.
    private static readonly IReadOnlyList<IntensityPoint> March1 = [.. Enumerable.Range(0, 24).Select(h => Hour(1, h, h < 12 ? 0.2m : 0.4m))];

    private static UsageRow Row(LocalDate from, LocalDate to) => new("api", from, to, "aws", "eu-central-1", new ItUsage(100, null, 0, 0, 0, 0), 1);

    private static HourlyGridFactors Grid(params (string Ref, IReadOnlyList<IntensityPoint> Points)[] newestFirst) => new(MeasuredIntensity.Merge(newestFirst));

    [Fact]
    public void ADayWhollyMeasured_UsesTheMeanOfItsHours()
    {
        var (e, _) = UsageEmissionsCalculator.Of("api", Definition, Row(new(2026, 3, 1), new(2026, 3, 1)), timeMatched: Grid(("grid-de@1", March1)));

        // (12 × 0.2 + 12 × 0.4) / 24 = 7.2 / 24 = 0.3 kg CO2e/kWh; 0.24062 kWh × 0.3 = 0.072186 kg
        Assert.Equal(0.3m, e!.Result.GridKgCo2ePerKwh);
        Assert.Equal(0.072186m, e.Result.OperationalKgCo2e);
        Assert.StartsWith("time-matched: measured intensity for 24 of 24 h (grid-de@1;", e.GridSource);
    }

    [Fact]
    public void TwoDaysWithOneMeasured_WeighTheMeasuredHoursAndTheStaticFactorByTime()
    {
        var (e, _) = UsageEmissionsCalculator.Of("api", Definition, Row(new(2026, 3, 1), new(2026, 3, 2)), timeMatched: Grid(("grid-de@1", March1)));

        // (24 h × 0.3 + 24 h × 0.311) / 48 h = (7.2 + 7.464) / 48 = 0.3055; 0.24062 × 0.3055 = 0.07350941 kg
        Assert.Equal(0.3055m, e!.Result.GridKgCo2ePerKwh);
        Assert.Equal(0.07350941m, e.Result.OperationalKgCo2e);
        Assert.Contains("24 of 48 h", e.GridSource);
        Assert.Contains("the other hours at 0.311", e.GridSource);
    }

    [Fact]
    public void APeriodWithNoMeasuredHour_KeepsTheStaticFactor()
    {
        var (e, _) = UsageEmissionsCalculator.Of("api", Definition, Row(new(2026, 4, 1), new(2026, 4, 30)), timeMatched: Grid(("grid-de@1", March1)));

        Assert.Equal(0.311m, e!.Result.GridKgCo2ePerKwh);
        Assert.DoesNotContain("time-matched", e.GridSource);
    }

    [Fact]
    public void ANewerImportReplacesTheHoursItRemeasures_AndNothingIsCountedTwice()
    {
        IReadOnlyList<IntensityPoint> remeasured = [Hour(1, 0, 0.1m)];

        var (e, _) = UsageEmissionsCalculator.Of("api", Definition, Row(new(2026, 3, 1), new(2026, 3, 1)), timeMatched: Grid(("grid-de@2", remeasured), ("grid-de@1", March1)));

        // hour 00 from @2 at 0.1, hours 01-11 from @1 at 0.2, hours 12-23 at 0.4:
        // (0.1 + 11 × 0.2 + 12 × 0.4) / 24 = (0.1 + 2.2 + 4.8) / 24 = 7.1 / 24 = 0.29583333… kg CO2e/kWh
        Assert.Equal(Math.Round(7.1m / 24, 20), Math.Round(e!.Result.GridKgCo2ePerKwh, 20));
        Assert.Contains("grid-de@1, grid-de@2", e.GridSource);
    }

    [Fact]
    public void ForecastPoints_NeverStandInForMeasuredOnes()
    {
        IReadOnlyList<IntensityPoint> forecast = [.. March1.Select(p => p with { Kind = IntensityKind.Forecast })];

        var (e, _) = UsageEmissionsCalculator.Of("api", Definition, Row(new(2026, 3, 1), new(2026, 3, 1)), timeMatched: Grid(("forecast@1", forecast)));

        Assert.Equal(0.311m, e!.Result.GridKgCo2ePerKwh);
    }
}
