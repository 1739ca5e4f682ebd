using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>A green-IT action, event-sourced so corrections keep what was first claimed.</summary>
public sealed class GreenItActionGrain(
    [PersistentState("green-it-action")] IPersistentState<GreenItActionState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    ITableStore tables,
    IClock clock) : Grain, IGreenItActionGrain
{
    private EventJournal<GreenItActionState, GreenItActionRecorded> _journal = null!;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new("green-it-action/" + Id, snapshot, log, GreenItActionEventTypes.All, GreenItActionState.Apply, FollowUpsAsync, GrainContext);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<GreenItActionView>> Record(GreenItAction action, string actor)
    {
        var v = new Validation().Id(Id, "id").Text(action.Title, "title", 200).Text(action.Notes, "notes", 2000, required: false)
            .Check(Enum.IsDefined(action.Kind), "kind", "'kind' is one of rightsizing, region-move, scheduling-shift, decommissioning, hardware-refresh.")
            .Check(action.WorkloadIds is { Count: >= 1 and <= 100 } w && w.All(Validation.IsId) && w.Distinct().Count() == w.Count, "workloadIds", "List 1 to 100 distinct workload ids.")
            .Check(action.EstimatedReductionPercent is null or (> 0 and <= 100), "estimatedReductionPercent", "An estimate is a reduction from 0 to 100 %.")
            .Check(action.EffectiveFrom.Year is >= 2000 and <= 2100, "effectiveFrom", "'effectiveFrom' is a date (yyyy-MM-dd) between 2000 and 2100.")
            .Check(action.Cost is null || action.Cost.OneOffCost is >= 0 and <= 1_000_000_000_000m, "cost.oneOffCost", "The one-off cost is an amount from 0 (in the action's currency).")
            .Check(action.Cost is null || action.Cost.RecurringSaving is >= 0 and <= 1_000_000_000_000m, "cost.recurringSaving", "The recurring saving is an amount from 0 per period (in the action's currency).")
            .Check(action.Cost is null || Enum.IsDefined(action.Cost.Period), "cost.period", "'cost.period' is month, quarter or year.")
            .Check(action.Cost is null || action.Cost.Currency is { Length: 3 } c && c.All(char.IsAsciiLetterUpper), "cost.currency", "'cost.currency' is an ISO 4217 code such as EUR or USD.");
        if (v.IsValid)
        {
            foreach (var workload in action.WorkloadIds)
            {
                if (await GrainFactory.GetGrain<IWorkloadGrain>(workload).Get() is null)
                {
                    v.Add("workloadIds", $"There is no workload '{workload}'; define it or import its usage first.");
                }
            }
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        await _journal.FinishPendingAsync();
        if (_journal.State.View is { } current && SameContent.Of(current.Action, action))
        {
            return Outcome<GreenItActionView>.Ok(current);
        }

        await _journal.AppendAsync(new GreenItActionRecorded(Id, action, clock.GetCurrentInstant(), actor));
        return Outcome<GreenItActionView>.Ok(_journal.State.View!);
    }

    public Task<GreenItActionView?> Get() => Task.FromResult(_journal.State.View);

    /// <summary>The list row and one audit record per change, in one batch.</summary>
    private Task FollowUpsAsync(IReadOnlyList<JournalEntry<GreenItActionRecorded>> changes)
        => tables.WriteAtomicAsync([
            JsonIndex.PutWrite(index, GreenItIndexes.Actions, GreenItIndexes.All, Id, _journal.State.View),
            .. changes.Select(c => _journal.AuditWrite(audit, c, new AuditRecord(c.Event.At, c.Event.Actor, c.Version == 1 ? "green-it-action.recorded" : "green-it-action.corrected", "green-it-action:" + Id, c.Event.Action.Title))),
        ]);
}
