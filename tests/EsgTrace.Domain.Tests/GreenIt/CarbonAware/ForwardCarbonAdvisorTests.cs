using EsgTrace.GreenIt;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt.CarbonAware;

/// <summary>Forward advice over forecasts, by hand: a 60-minute job of 10 kWh, "now" half-way through the first hour.</summary>
public sealed class ForwardCarbonAdvisorTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 12, 2, 0, 0);

    private static Instant T(double hours) => T0 + Duration.FromMinutes(hours * 60);

    private static CurrentForecast Forecast(string location, int firstHour, params decimal[] values)
        => new(location, "fc@1", T(-1), [.. values.Select((v, i) => new IntensityPoint(location, T(firstHour + i), T(firstHour + i + 1), v, IntensityKind.Forecast))]);

    // Own region: 0.30, 0.20, 0.10, 0.15, 0.40, 0.50 from 00:00. Allowed eu-north-1: 0.08 from 03:00 to 06:00.
    private static readonly Dictionary<string, CurrentForecast> Forecasts = new()
    {
        ["aws:EU_CENTRAL_1"] = Forecast("aws:EU_CENTRAL_1", 0, 0.30m, 0.20m, 0.10m, 0.15m, 0.40m, 0.50m),
        ["aws:EU_NORTH_1"] = Forecast("aws:EU_NORTH_1", 3, 0.08m, 0.08m, 0.08m),
    };

    [Fact]
    public void TheBestWindowAcrossAllowedRegions_IsNamed_WithTheSavingAgainstStartingNow()
    {
        var definition = new WorkloadDefinition("Batch", "data", "aws", "eu-central-1", "run", AllowedRegions: ["eu-north-1"]);

        var advice = ForwardCarbonAdvisor.Advise("batch", definition, 10, "given", Forecasts, T(0.5), 60);

        // now = 00:30: [00:30, 01:30) = (30 × 0.30 + 30 × 0.20) / 60 = 0.25 kg/kWh → 10 kWh × 0.25 = 2.5 kg
        Assert.Equal((T(0.5), 0.25m, 2.5m), (advice.RunNow!.Start, advice.RunNow.MeanKgCo2ePerKwh, advice.RunNow.KgCo2e));
        // eu-north-1 from 03:00 at 0.08 → 0.8 kg; eu-central-1's best is 02:00 at 0.10 → 1.0 kg
        Assert.Equal(("aws:EU_NORTH_1", T(3), T(4), 0.8m), (advice.Best!.Location, advice.Best.Start, advice.Best.End, advice.Best.KgCo2e));
        // saving: 2.5 − 0.8 = 1.7 kg CO2e
        Assert.Equal(1.7m, advice.SavingKgCo2e);
        Assert.Contains("aws:EU_NORTH_1 from 2026-12-02T03:00:00Z", advice.Explanation);
        Assert.Contains("expected saving of 1.7 kg CO2e", advice.Explanation);
    }

    [Fact]
    public void WithoutOtherRegions_TheBestTimeInItsOwnRegionIsNamed()
    {
        var definition = new WorkloadDefinition("Batch", "data", "aws", "eu-central-1", "run");

        var advice = ForwardCarbonAdvisor.Advise("batch", definition, 10, "given", Forecasts, T(0.5), 60);

        // 02:00 at 0.10 → 1.0 kg against 2.5 now: 1.5 kg CO2e
        Assert.Equal((T(2), 1.5m), (advice.Best!.Start, advice.SavingKgCo2e));
    }

    [Fact]
    public void ARegionWithoutForecast_IsNoAdvice_SaidSo()
    {
        var definition = new WorkloadDefinition("Batch", "data", "aws", "us-east-1", "run");

        var advice = ForwardCarbonAdvisor.Advise("batch", definition, 10, "given", Forecasts, T(0.5), 60);

        Assert.Null(advice.Best);
        Assert.Equal(0, advice.SavingKgCo2e);
        Assert.StartsWith("No advice", advice.Explanation);
        Assert.Contains(advice.Notes, n => n.Contains("aws:US_EAST_1", StringComparison.Ordinal));
    }
}
