using EsgTrace.GreenIt;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt;

/// <summary>One usage record through the whole method, worked out by hand (checked with Python's decimal module).</summary>
public sealed class UsageEmissionsTests
{
    private static UsageRow Row(decimal vcpuHours, string provider = "aws", string region = "eu-central-1", decimal? measured = null, decimal? units = 1000)
        => new("w", new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 31), provider, region, new ItUsage(vcpuHours, null, 0, 0, 0, 0, 1, measured), units);

    [Fact]
    public void CloudRecord_AddsTheHardwareShareAsEmbodied_PerTheSciFormula()
    {
        var definition = new WorkloadDefinition("W", "team", "aws", "eu-central-1", "1,000 requests", Hardware: new HardwareShare(1000, 48, "test host"));

        var (e, problem) = UsageEmissionsCalculator.Of("w", definition, Row(100));

        Assert.Null(problem);
        // operational: (0.74 + 0.5 × 2.76) W × 100 vCPU-h × PUE 1.135 / 1000 = 0.24062 kWh × 0.311 = 0.07483282 kg
        Assert.Equal(0.24062m, e!.Result.TotalKwh);
        Assert.Equal(0.07483282m, e.Result.OperationalKgCo2e);
        // embodied: M = TE × (TR / EL) × (RR / ToR) with RR × TR = 100 vCPU-h: 1000 kg × 100 / 35040 / 48 = 0.0594558599… kg
        Assert.Equal(0.059455860m, Math.Round(e.Result.EmbodiedKgCo2e, 9));
        Assert.Equal(31, e.Days);
    }

    [Fact]
    public void OnPremisesMeter_ReplacesTheEstimate_AndUsesTheSitesGrid()
    {
        var definition = new WorkloadDefinition("ERP", "ops", "on-premises", "DE", "user-month", SitePue: 1.5m);
        var de = EsgTrace.Factors.FactorCatalog.Starter.Factor("grid.DE").KgCo2ePerUnit;

        var (e, _) = UsageEmissionsCalculator.Of("w", definition, Row(720, "on-premises", "DE", measured: 1800));

        Assert.Equal(1800m, e!.Result.TotalKwh);
        Assert.Equal(1800m * de, e.Result.OperationalKgCo2e);
    }

    [Fact]
    public void MarketBased_IsShownBeside_WhenTheWorkloadStatesAContractualFactor()
    {
        var definition = new WorkloadDefinition("W", "team", "aws", "eu-central-1", "run", MarketKgCo2ePerKwh: 0.05m, MarketSource: "PPA 2026");

        var (e, _) = UsageEmissionsCalculator.Of("w", definition, Row(100));

        Assert.Equal(0.07483282m, e!.Result.TotalKgCo2e);    // location-based stays the figure
        Assert.Equal(0.24062m * 0.05m, e.MarketKgCo2e);       // 0.012031 kg beside it
    }
}
