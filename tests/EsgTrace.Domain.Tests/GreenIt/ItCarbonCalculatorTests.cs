using EsgTrace.GreenIt;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt;

/// <summary>
/// The CCF method with AWS's fallback coefficients (min 0.74 W, max 3.5 W per vCPU, PUE 1.135) and eu-central-1's grid
/// factor (0.000311 t = 0.311 kg CO2e per kWh, CCF headline coefficients), worked out by hand below and checked with
/// Python's decimal module.
/// </summary>
public sealed class ItCarbonCalculatorTests
{
    private static readonly ItUsage Usage = new(VcpuHours: 1000, CpuUtilisationPercent: 30, MemoryGbHours: 3000, SsdTbHours: 10, HddTbHours: 5, NetworkGb: 200, ReplicationFactor: 2);

    [Fact]
    public void Energy_FollowsTheCcfFormulas()
    {
        var result = ItCarbonCalculator.Calculate(Usage, CloudCoefficients.Aws, 0.311m);

        // compute: (0.74 + 0.30 × (3.5 − 0.74)) = 1.568 W × 1000 vCPU-h × 1.135 × 2 / 1000      = 3.55936 kWh
        // memory:  3000 GB-h × 0.000392 × 1.135 × 2                                          = 2.66952 kWh
        // storage: (10 × 1.2 + 5 × 0.65) = 15.25 Wh × 1.135 × 2 / 1000                       = 0.0346175 kWh
        // network: 200 GB × 0.001 × 1.135 (no replication)                                     = 0.227 kWh
        // total                                                                               = 6.4904975 kWh
        Assert.Equal(3.55936m, result.ComputeKwh);
        Assert.Equal(2.66952m, result.MemoryKwh);
        Assert.Equal(0.0346175m, result.StorageKwh);
        Assert.Equal(0.227m, result.NetworkKwh);
        Assert.Equal(6.4904975m, result.TotalKwh);
        // 6.4904975 kWh × 0.311 kg/kWh = 2.0185447225 kg CO2e
        Assert.Equal(2.0185447225m, result.OperationalKgCo2e);
    }

    [Fact]
    public void UnknownUtilisation_UsesCcfsFiftyPercent()
    {
        var result = ItCarbonCalculator.Calculate(new ItUsage(100, null, 0, 0, 0, 0), CloudCoefficients.Aws, 0.311m);

        // (0.74 + 0.5 × 2.76) = 2.12 W × 100 h × 1.135 / 1000 = 0.24062 kWh
        Assert.Equal(0.24062m, result.ComputeKwh);
    }

    [Fact]
    public void Embodied_FollowsTheSciFormula()
    {
        // M = TE × (TR / EL) × (RR / ToR) = 1200 kg × (1000 h / 35040 h) × (2 / 96 vCPU) = 0.71347031963… kg CO2e
        var m = Sci.Embodied(new EmbodiedInput(1200, 1000, 2, 96));

        Assert.Equal(0.7134703196m, Math.Round(m, 10));
    }

    [Fact]
    public void SciScore_IsEnergyTimesIntensityPlusEmbodied_PerFunctionalUnit()
    {
        var result = ItCarbonCalculator.Calculate(Usage, CloudCoefficients.Aws, 0.311m, new EmbodiedInput(1200, 1000, 2, 96));

        // (6.4904975 × 0.311 + 0.71347031963…) / 50 (thousand requests) = 2.73201504213… / 50 = 0.05464030084… kg CO2e per 1,000 requests
        var sci = Sci.Score(result.TotalKwh, 0.311m, result.EmbodiedKgCo2e, 50);
        Assert.Equal(0.0546403008m, Math.Round(sci, 10));
        Assert.Equal(Math.Round(result.TotalKgCo2e / 50, 20), Math.Round(sci, 20));
    }

    [Fact]
    public void MeasuredFacilityEnergy_ReplacesTheEstimate_AndSaysSo()
    {
        var result = ItCarbonCalculator.Calculate(Usage with { MeasuredFacilityKwh = 12.5m }, CloudCoefficients.Aws, 0.311m);

        Assert.Equal(12.5m, result.TotalKwh);
        Assert.Equal(3.8875m, result.OperationalKgCo2e); // 12.5 × 0.311
        Assert.Contains(result.Formulas, f => f.Contains("replaces the estimate of 6.4904975 kWh", StringComparison.Ordinal));
    }

    [Fact]
    public void NegativeUsage_IsRefused()
        => Assert.Throws<ArgumentException>(() => ItCarbonCalculator.Calculate(Usage with { VcpuHours = -1 }, CloudCoefficients.Aws, 0.311m));
}
