using EsgTrace.GreenIt;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt.CarbonAware;

/// <summary>
/// GPU-hours through the CCF method, worked out by hand: average watts per card = min + utilisation × (max − min),
/// × GPU-hours × PUE (AWS 1.135) / 1000 = kWh, × the region's grid (aws eu-central-1: 0.311 kg CO2e/kWh); embodied per
/// card = the card's kg × card-hours / its lifespan hours.
/// </summary>
public sealed class GpuEnergyTests
{
    private static readonly GpuCard Card = new("test accelerator 400 W", 50, 400, 150, "test data sheet", 35040);

    private static UsageRow Row(decimal gpuHours, decimal? gpuUtilisation, decimal vcpuHours = 0)
        => new("train", new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 31), "aws", "eu-central-1", new ItUsage(vcpuHours, null, 0, 0, 0, 0, 1, null, gpuHours, gpuUtilisation), null);

    [Fact]
    public void GpuHours_AtEightyPercent_UseTheCardsRange_PueAndGrid_PlusTheCardsEmbodiedShare()
    {
        var definition = new WorkloadDefinition("Training", "ml", "aws", "eu-central-1", "model run", Gpu: Card);

        var (e, problem) = UsageEmissionsCalculator.Of("train", definition, Row(100, 80));

        Assert.Null(problem);
        // watts: 50 + 0.80 × (400 − 50) = 50 + 280 = 330 W per card
        // energy: 330 W × 100 GPU-h × 1.135 / 1000 = 37.455 kWh (no vCPU, memory, storage or network)
        Assert.Equal(37.455m, e!.Result.GpuKwh);
        Assert.Equal(37.455m, e.Result.TotalKwh);
        // operational: 37.455 kWh × 0.311 kg CO2e/kWh = 11.648505 kg CO2e
        Assert.Equal(11.648505m, e.Result.OperationalKgCo2e);
        // embodied: 150 kg × 100 card-h / 35040 h = 0.428082191780… kg CO2e
        Assert.Equal(0.428082191781m, Math.Round(e.Result.EmbodiedKgCo2e, 12));
        // total: 11.648505 + 0.428082191781 = 12.076587191781 kg CO2e
        Assert.Equal(12.076587191781m, Math.Round(e.Result.TotalKgCo2e, 12));
        Assert.Contains(e.Result.Formulas, f => f.StartsWith("gpu (test accelerator 400 W): (50 + 80 % × (400 − 50)) W × 100 GPU-h × PUE 1.135", StringComparison.Ordinal));
    }

    [Fact]
    public void GpuHours_WithoutUtilisation_TakeCcfsFiftyPercent_AndAddToTheVcpuEnergy()
    {
        var definition = new WorkloadDefinition("Training", "ml", "aws", "eu-central-1", "model run", Gpu: Card with { EmbodiedKgCo2e = 0 });

        var (e, _) = UsageEmissionsCalculator.Of("train", definition, Row(10, null, vcpuHours: 100));

        // gpu: (50 + 0.5 × 350) W = 225 W × 10 GPU-h × 1.135 / 1000 = 2.55375 kWh
        // vcpu: (0.74 + 0.5 × 2.76) W × 100 vCPU-h × 1.135 / 1000 = 0.24062 kWh
        Assert.Equal(2.55375m, e!.Result.GpuKwh);
        Assert.Equal(2.79437m, e.Result.TotalKwh);
        // 2.79437 kWh × 0.311 = 0.86904907 kg
        Assert.Equal(0.86904907m, e.Result.OperationalKgCo2e);
    }

    [Fact]
    public void GpuHours_WithoutACard_AreRefusedWithTheReason_NotCountedAsZero()
    {
        var definition = new WorkloadDefinition("Training", "ml", "aws", "eu-central-1", "model run");

        var (e, problem) = UsageEmissionsCalculator.Of("train", definition, Row(10, 50));

        Assert.Null(e);
        Assert.Contains("GPU card", problem);
    }

    [Fact]
    public void WorkloadWithAnInconsistentCard_IsRefused()
    {
        var bad = new WorkloadDefinition("Training", "ml", "aws", "eu-central-1", "model run", Gpu: Card with { MinWatts = 500 });

        var problem = WorkloadValidation.Check("train", bad);

        Assert.NotNull(problem);
        Assert.True(problem!.Errors!.ContainsKey("gpu"));
    }

    [Fact]
    public void UsageCsv_ReadsGpuHoursAndUtilisation_AndRefusesUtilisationAboveAHundred()
    {
        var csv = "workload_id,period_start,period_end,provider,region,vcpu_hours,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,gpu_hours,gpu_utilisation_percent\n"
            + "train,2026-01-01,2026-01-31,aws,eu-central-1,0,0,0,0,0,100,80\n"
            + "train,2026-02-01,2026-02-28,aws,eu-central-1,0,0,0,0,0,100,120\n";

        var rows = UsageCsv.Read(new StringReader(csv)).ToList();

        Assert.Equal(100m, rows[0].Row!.Usage.GpuHours);
        Assert.Equal(80m, rows[0].Row!.Usage.GpuUtilisationPercent);
        Assert.Contains(rows[1].Errors, e => e.Column == "gpu_utilisation_percent");
    }
}
