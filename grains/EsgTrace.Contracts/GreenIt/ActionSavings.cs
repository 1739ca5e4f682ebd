using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>Whether a saving is measured from after-data or still the owner's estimate.</summary>
public enum SavingStatus
{
    Estimated,
    Realised,
    NoBaseline,
}

/// <summary>The saving of one action on one workload.</summary>
[GenerateSerializer, Immutable, Alias("esg.workload-saving")]
public sealed record WorkloadSaving(string WorkloadId, string Basis, int BeforeDays, int AfterDays, Saving? Measured, string Explanation);

/// <summary>An action's saving over all the workloads it touches: realised once every workload has enough after-data, else estimated.</summary>
[GenerateSerializer, Immutable, Alias("esg.action-saving")]
public sealed record ActionSaving(
    string ActionId, GreenItAction Action, SavingStatus Status, decimal SavingKgCo2e, decimal SavingPercent, decimal? EstimatedAnnualKgCo2e,
    IReadOnlyList<WorkloadSaving> Workloads, string Explanation);

/// <summary>
/// Savings = the baseline method applied to before- and after-data. Before: records ending before the action, within the
/// year before it; after: records starting on or after it; records spanning the date are left out. Normalised per
/// functional unit when every record states its units, else per day. Realised once the after-data covers
/// <see cref="MinAfterDays"/> days for every workload; until then the owner's estimate (baseline rate × estimate %) is shown.
/// </summary>
public static class ActionSavings
{
    public const int MinAfterDays = 28;

    public static ActionSaving Of(string actionId, GreenItAction action, IReadOnlyDictionary<string, IReadOnlyList<UsageEmissions>> emissionsByWorkload, LocalDate asOf)
    {
        var parts = new List<WorkloadSaving>();
        var realised = true;
        var totalSaving = 0m;
        var totalBaseline = 0m;
        var baselinePerDay = 0m;
        foreach (var workloadId in action.WorkloadIds)
        {
            var records = emissionsByWorkload.TryGetValue(workloadId, out var r) ? r : [];
            var before = records.Where(e => e.PeriodEnd < action.EffectiveFrom && e.PeriodStart >= action.EffectiveFrom.PlusYears(-1)).ToList();
            var after = records.Where(e => e.PeriodStart >= action.EffectiveFrom).ToList();
            var beforeDays = before.Sum(e => e.Days);
            var afterDays = after.Sum(e => e.Days);
            if (beforeDays == 0)
            {
                parts.Add(new WorkloadSaving(workloadId, "none", 0, afterDays, null, $"{workloadId}: no usage recorded in the year before {action.EffectiveFrom:yyyy-MM-dd}, so there is no baseline."));
                realised = false;
                continue;
            }

            baselinePerDay += before.Sum(e => e.Result.TotalKgCo2e) / beforeDays;
            if (action.Kind == GreenItActionKind.Decommissioning && after.Count == 0)
            {
                // A decommissioned workload reports no more usage: its after-emissions are zero from the effective date.
                afterDays = Math.Max(0, Period.DaysBetween(action.EffectiveFrom, asOf) + 1);
                after = afterDays > 0 ? [new UsageEmissions(workloadId, action.EffectiveFrom, asOf, "-", "-", Zero, 0, null, "decommissioned")] : [];
            }

            if (afterDays < MinAfterDays)
            {
                realised = false;
            }

            if (after.Count == 0)
            {
                parts.Add(new WorkloadSaving(workloadId, "none", beforeDays, 0, null, $"{workloadId}: no usage recorded since {action.EffectiveFrom:yyyy-MM-dd} yet."));
                continue;
            }

            var perUnit = before.Concat(after).All(e => e.FunctionalUnits is > 0);
            var basis = perUnit ? "per functional unit" : "per day";
            decimal Units(UsageEmissions e) => perUnit ? e.FunctionalUnits!.Value : e.Days;
            var saving = SavingsCalculator.Realised(
                before.Select(e => new EmissionsPeriod(e.Result.TotalKgCo2e, Units(e))).ToList(),
                after.Select(e => new EmissionsPeriod(e.Result.TotalKgCo2e, Units(e))).ToList(),
                perUnit ? "functional unit" : "day");
            totalSaving += saving.SavingKgCo2e;
            totalBaseline += saving.BaselineKgPerUnit * after.Sum(Units);
            parts.Add(new WorkloadSaving(workloadId, basis, beforeDays, afterDays, saving, $"{workloadId} ({basis}, {beforeDays} days before, {afterDays} after): {saving.Explanation}"));
        }

        var percent = totalBaseline == 0 ? 0 : totalSaving / totalBaseline * 100;
        decimal? estimate = action.EstimatedReductionPercent is { } p ? baselinePerDay * 365 * p / 100 : null;
        if (parts.All(w => w.Measured is null && w.Basis == "none") && parts.Any(w => w.BeforeDays == 0))
        {
            return new ActionSaving(actionId, action, SavingStatus.NoBaseline, 0, 0, estimate, parts, "No baseline: record usage from before the action to measure its saving.");
        }

        var status = realised ? SavingStatus.Realised : SavingStatus.Estimated;
        var explanation = status == SavingStatus.Realised
            ? $"Realised: {Numbers.Plain(Math.Round(totalSaving, 3))} kg CO2e saved ({Numbers.Plain(Math.Round(percent, 1))} % less per unit of service) over the after-periods."
            : estimate is { } e
                ? $"Estimated: about {Numbers.Plain(Math.Round(e, 1))} kg CO2e a year ({Numbers.Plain(action.EstimatedReductionPercent!.Value)} % of the baseline rate); realised figures follow once {MinAfterDays} days of after-data exist."
                : $"Not enough after-data yet ({MinAfterDays} days needed) and no estimate was given.";
        return new ActionSaving(actionId, action, status, totalSaving, percent, estimate, parts, explanation);
    }

    private static readonly ItCarbonResult Zero = new(0, 0, 0, 0, 0, 0, 0, 0, ["decommissioned: no usage"], ItCarbonCalculator.Version);
}
