using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>Holds the target and the imported hourly datasets; every change goes to the audit trail.</summary>
public sealed class GreenItSettingsGrain(
    [PersistentState("green-it-settings")] IPersistentState<GreenItSettingsState> state,
    IAuditTrail audit,
    IClock clock) : Grain, IGreenItSettingsGrain
{
    public async Task<Outcome<GreenItTarget>> SetTarget(GreenItTarget target, string actor)
    {
        var v = new Validation().Text(target.Title, "title", 200)
            .Check(target.BaselineYear is >= 2000 and <= 2100, "baselineYear", "The baseline year is between 2000 and 2100.")
            .Check(target.TargetYear > target.BaselineYear && target.TargetYear <= 2100, "targetYear", "The target year comes after the baseline year (and by 2100).")
            .Check(target.ReductionPercent is > 0 and <= 100, "reductionPercent", "The reduction is a percentage above 0 and at most 100.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (state.State.Target != target)
        {
            state.State.Target = target;
            await state.WriteStateAsync();
            await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "green-it-target.set", "green-it-target", $"−{target.ReductionPercent} % by {target.TargetYear} vs {target.BaselineYear}"));
        }

        return Outcome<GreenItTarget>.Ok(target);
    }

    public Task<GreenItTarget?> Target() => Task.FromResult(state.State.Target);

    public async Task<Outcome<string>> ImportHourly(HourlyIntensityDataset dataset, string actor)
    {
        if (dataset.Ref == HourlyIntensityDataset.Shipped.Ref)
        {
            return DomainProblem.Invalid("id", $"{dataset.Ref} is the shipped dataset's name; choose another id or version.");
        }

        if (state.State.HourlyDatasets.FirstOrDefault(d => d.Ref == dataset.Ref) is { } existing)
        {
            return SameContent.Of(existing, dataset) ? Outcome<string>.Ok(dataset.Ref) : FactRules.AlreadyRecorded("hourly intensity dataset", dataset.Ref);
        }

        state.State.HourlyDatasets.Add(dataset);
        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "hourly-intensity.imported", "hourly-intensity:" + dataset.Ref, $"{dataset.Regions.Count} regions; {dataset.Source}"));
        return Outcome<string>.Ok(dataset.Ref);
    }

    public Task<HourlyIntensityDataset?> Hourly(string? reference)
        => Task.FromResult(reference is null
            ? state.State.HourlyDatasets.LastOrDefault() ?? HourlyIntensityDataset.Shipped
            : reference == HourlyIntensityDataset.Shipped.Ref ? HourlyIntensityDataset.Shipped : state.State.HourlyDatasets.FirstOrDefault(d => d.Ref == reference));

    public Task<IReadOnlyList<string>> HourlyDatasets()
        => Task.FromResult<IReadOnlyList<string>>([HourlyIntensityDataset.Shipped.Ref, .. state.State.HourlyDatasets.Select(d => d.Ref)]);
}
