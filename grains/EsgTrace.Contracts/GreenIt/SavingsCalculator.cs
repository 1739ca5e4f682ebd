namespace EsgTrace.GreenIt;

/// <summary>Emissions and functional units of a workload over a set of periods.</summary>
[GenerateSerializer, Immutable, Alias("esg.emissions-period")]
public sealed record EmissionsPeriod(decimal KgCo2e, decimal FunctionalUnits);

/// <summary>A saving: per functional unit and in total over the after-periods, as a share of the baseline intensity.</summary>
[GenerateSerializer, Immutable, Alias("esg.saving")]
public sealed record Saving(decimal BaselineKgPerUnit, decimal AfterKgPerUnit, decimal SavingKgPerUnit, decimal SavingPercent, decimal SavingKgCo2e, string Explanation);

/// <summary>
/// Realised savings of a green-IT action: the same method applied to before and after data, normalised per functional
/// unit so that a workload serving more (or fewer) requests is compared fairly.
/// </summary>
public static class SavingsCalculator
{
    public static Saving Realised(IReadOnlyCollection<EmissionsPeriod> before, IReadOnlyCollection<EmissionsPeriod> after, string unit = "functional unit")
    {
        var beforeUnits = before.Sum(p => p.FunctionalUnits);
        var afterUnits = after.Sum(p => p.FunctionalUnits);
        if (beforeUnits <= 0 || afterUnits <= 0)
        {
            throw new ArgumentException("Both the baseline and the after periods need functional units greater than zero.");
        }

        var baseline = before.Sum(p => p.KgCo2e) / beforeUnits;
        var now = after.Sum(p => p.KgCo2e) / afterUnits;
        var perUnit = baseline - now;
        var percent = baseline == 0 ? 0 : perUnit / baseline * 100;
        return new Saving(baseline, now, perUnit, percent, perUnit * afterUnits,
            $"{Units.Numbers.Plain(Math.Round(baseline, 6))} → {Units.Numbers.Plain(Math.Round(now, 6))} kg CO2e per {unit}: {Units.Numbers.Plain(Math.Round(percent, 2))} % less, {Units.Numbers.Plain(Math.Round(perUnit * afterUnits, 3))} kg CO2e saved over {Units.Numbers.Plain(afterUnits)} {unit}s.");
    }
}
