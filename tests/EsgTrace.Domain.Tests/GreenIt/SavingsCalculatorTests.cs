using EsgTrace.GreenIt;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt;

public sealed class SavingsCalculatorTests
{
    [Fact]
    public void RealisedSaving_IsNormalisedPerFunctionalUnit()
    {
        // before: (100 + 120) kg / (2000 + 2000) units = 0.055 kg per unit
        // after:  90 kg / 3000 units                   = 0.03 kg per unit
        // saving: 0.025 kg per unit = 45.4545… % of the baseline; × 3000 units = 75 kg CO2e
        // (in absolute terms emissions fell only from 110 to 90 kg per period: usage grew, intensity fell)
        var saving = SavingsCalculator.Realised([new(100, 2000), new(120, 2000)], [new(90, 3000)]);

        Assert.Equal(0.055m, saving.BaselineKgPerUnit);
        Assert.Equal(0.03m, saving.AfterKgPerUnit);
        Assert.Equal(0.025m, saving.SavingKgPerUnit);
        Assert.Equal(45.45m, Math.Round(saving.SavingPercent, 2));
        Assert.Equal(75m, saving.SavingKgCo2e);
    }

    [Fact]
    public void PeriodsWithoutFunctionalUnits_AreRefused()
        => Assert.Throws<ArgumentException>(() => SavingsCalculator.Realised([new(100, 0)], [new(90, 10)]));
}
