using EsgTrace.GreenIt;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt;

/// <summary>Advice from a small hand-made hourly dataset, so every figure can be worked out on paper.</summary>
public sealed class CarbonAwareAdvisorTests
{
    // Region A is flat at 0.4 kg/kWh. Region B is 0.1 except 02:00-05:59 UTC at 0.05: its daily mean is (20 × 0.1 + 4 × 0.05) / 24 = 2.2 / 24.
    private static readonly HourlyIntensityDataset Dataset = new("test-hourly", "1", "test", "hand-made", "CC0", null, new Dictionary<string, decimal[]>
    {
        ["aws:EU_CENTRAL_1"] = Enumerable.Repeat(0.4m, 24).ToArray(),
        ["aws:EU_NORTH_1"] = Enumerable.Range(0, 24).Select(h => h is >= 2 and <= 5 ? 0.05m : 0.1m).ToArray(),
    });

    [Fact]
    public void BestWindow_FindsTheLowestFourHours()
    {
        var (start, mean) = CarbonAwareAdvisor.BestWindow(Dataset.Regions["aws:EU_NORTH_1"], 4);

        Assert.Equal(2, start);
        Assert.Equal(0.05m, mean);
    }

    [Fact]
    public void Advice_MovesTheFlexibleShareIntoTheBestWindowOfTheBestRegion()
    {
        var workload = new WorkloadDefinition("Batch", "data", "aws", "eu-central-1", "run", ["eu-north-1"], FlexibleSharePercent: 50);

        var advice = CarbonAwareAdvisor.Advise("batch", workload, 100, Dataset);

        // now: 100 kWh × 0.4 = 40 kg. In B: 100 × (0.5 × 2.2/24 + 0.5 × 0.05) = 4.58333… + 2.5 = 7.08333… kg; saving 32.91666… kg
        Assert.Equal(40m, advice.CurrentKgCo2e);
        Assert.Equal("EU_NORTH_1", advice.Best!.Region);
        Assert.Equal(7.083333m, Math.Round(advice.Best.EstimatedKgCo2e, 6));
        Assert.Equal(32.916667m, Math.Round(advice.Best.SavingKgCo2e, 6));
        Assert.Equal(2, advice.Best.BestWindowStartHourUtc);
        Assert.Contains("test-hourly@1", advice.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void RegionMissingFromTheDataset_IsNamedNotGuessed()
    {
        var workload = new WorkloadDefinition("Batch", "data", "aws", "eu-central-1", "run", ["ap-south-1"]);

        var advice = CarbonAwareAdvisor.Advise("batch", workload, 10, Dataset);

        Assert.Single(advice.Options);
        Assert.Contains(advice.Notes, n => n.Contains("AP_SOUTH_1 is not in test-hourly@1", StringComparison.Ordinal));
    }

    [Fact]
    public void ShippedDataset_HasEachRegionsCcfFactorAsItsDailyMean()
    {
        var profile = HourlyIntensityDataset.Shipped.Profile("aws", "eu-central-1")!;

        Assert.Equal(24, profile.Length);
        Assert.Equal(0.311m, Math.Round(profile.Average(), 4));
        Assert.Contains("illustrative", HourlyIntensityDataset.Shipped.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void HourlyImport_ReportsMissingAndRepeatedHours()
    {
        var csv = "region,hour_utc,kg_co2e_per_kwh\naws:eu-west-1,0,0.2\naws:eu-west-1,0,0.3\naws:eu-west-1,25,0.1\n";

        var (dataset, errors) = HourlyIntensityDataset.ParseCsv("grid-x", "2026", "t", "operator export", "CC-BY", new StringReader(csv));

        Assert.Null(dataset);
        Assert.Contains(errors, e => e.Contains("hour 0 is given twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'25' must be a whole hour", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("hours 1, 2", StringComparison.Ordinal));
    }
}
