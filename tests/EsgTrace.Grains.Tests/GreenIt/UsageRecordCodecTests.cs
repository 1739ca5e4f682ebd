using EsgTrace.GreenIt;
using NodaTime;
using Xunit;

namespace EsgTrace.Grains.Tests.GreenItImports;

/// <summary>A usage-log row gives back every field it was given, GPU-hours and GPU utilisation included, and none it was not.</summary>
public sealed class UsageRecordCodecTests
{
    [Fact]
    public void Records_RoundTrip_WithAndWithoutGpu()
    {
        var gpu = new UsageRow("w", new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 31), "aws", "eu-central-1",
            new ItUsage(0, null, 0, 0, 0, 0, 1, null, 100m, 80m), null);
        var cpu = new UsageRow("w", new LocalDate(2026, 2, 1), new LocalDate(2026, 2, 28), "aws", "eu-central-1",
            new ItUsage(12.5m, 40m, 3m, 0.25m, 0, 7m, 2, 1.5m), 1_000m, "charge-1", new UsageCost(10.5m, 9.75m, "EUR"));

        var back = UsageRecordCodec.Decode("w", UsageRecordCodec.Encode([gpu, cpu]));

        Assert.Equal([gpu, cpu], back);
        Assert.Equal(100m, back[0].Usage.GpuHours);
        Assert.Equal(80m, back[0].Usage.GpuUtilisationPercent);
        Assert.Equal(0m, back[1].Usage.GpuHours);
        Assert.Null(back[1].Usage.GpuUtilisationPercent);
    }
}
