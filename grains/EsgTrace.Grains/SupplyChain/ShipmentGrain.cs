using System.Globalization;
using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>
/// A shipment. Everything is checked before anything is written; once recorded, each lot it moved is told of its leg
/// (idempotently), and an unfinished hand-over is completed on the next activation.
/// </summary>
public sealed class ShipmentGrain(
    [PersistentState("shipment")] IPersistentState<ShipmentState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IShipmentGrain
{
    private EventJournal<ShipmentState, ShipmentEvent> _journal = null!;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(SupplyChainStreams.Shipment(Id), snapshot, log, ShipmentState.Apply);
        await _journal.CatchUpAsync();
        if (_journal.State.LegsPending)
        {
            await PropagateAsync(_journal.State.UpdatedBy);
        }
    }

    public async Task<Outcome<ShipmentView>> Record(ShipmentInput input, string actor)
    {
        if (await CheckAsync(input) is { } problem)
        {
            return problem;
        }

        if (_journal.Exists)
        {
            if (!SameContent.Of(_journal.State.Shipment, input))
            {
                return FactRules.AlreadyRecorded("shipment", Id);
            }

            // The same request again, e.g. a retry after a 503 whose write had reached the log: finish what it left undone.
            if (_journal.State.LegsPending)
            {
                await PropagateAsync(actor);
            }

            return Outcome<ShipmentView>.Ok(View());
        }

        await _journal.AppendAsync(new ShipmentRecorded(input, clock.GetCurrentInstant(), actor));
        await AfterChangeAsync("shipment.recorded", actor, $"{input.From} → {input.To} by {input.Mode}");
        return Outcome<ShipmentView>.Ok(View());
    }

    public async Task<Outcome<ShipmentView>> Correct(ShipmentInput input, long corrects, string reason, string actor)
    {
        if (!_journal.Exists)
        {
            return FactRules.NotRecorded("shipment", Id);
        }

        if (((_journal.State.WithdrawnReason is not null ? FactRules.Withdrawn("shipment", Id) : null) ?? FactRules.CheckCorrection(corrects, reason, _journal.State.Version) ?? await CheckAsync(input)) is { } problem)
        {
            return problem;
        }

        var before = _journal.State.Shipment!;
        await _journal.AppendAsync(new ShipmentCorrected(input, corrects, reason, clock.GetCurrentInstant(), actor));
        foreach (var dropped in before.LotIds.Except(input.LotIds))
        {
            await GrainFactory.GetGrain<IMaterialLotGrain>(dropped).RemoveLeg(Id, actor);
        }

        // Drop the entries the correction moved or removed; AfterChangeAsync writes the new ones.
        var oldKey = IndexKey(Id, before.DepartedAt);
        var newKey = IndexKey(Id, input.DepartedAt);
        var newPartitions = Partitions(input).ToHashSet();
        foreach (var partition in Partitions(before).Where(p => oldKey != newKey || !newPartitions.Contains(p)))
        {
            await index.RemoveAsync(SupplyChainIndexes.Shipments, partition, oldKey);
        }

        await AfterChangeAsync("shipment.corrected", actor, reason);
        return Outcome<ShipmentView>.Ok(View());
    }

    public async Task Withdraw(string reason, string actor)
    {
        if (!_journal.Exists || _journal.State.WithdrawnReason is not null)
        {
            return;
        }

        var s = _journal.State.Shipment!;
        await _journal.AppendAsync(new ShipmentWithdrawn(reason, clock.GetCurrentInstant(), actor));
        foreach (var lot in s.LotIds)
        {
            await GrainFactory.GetGrain<IMaterialLotGrain>(lot).RemoveLeg(Id, actor);
        }

        foreach (var partition in Partitions(s))
        {
            await index.RemoveAsync(SupplyChainIndexes.Shipments, partition, IndexKey(Id, s.DepartedAt));
        }

        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "shipment.withdrawn", "shipment:" + Id, reason));
    }

    public Task<ShipmentView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

    private async Task<DomainProblem?> CheckAsync(ShipmentInput input)
    {
        var check = ShipmentRules.Check(input).Check(Validation.IsId(Id), "id", "The shipment id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        if (check.IsValid)
        {
            foreach (var lot in input.LotIds)
            {
                check.Check(await GrainFactory.GetGrain<IMaterialLotGrain>(lot).Get() is not null, "lotIds", $"Lot '{lot}' is not recorded.");
            }
        }

        return check.IsValid ? null : check.ToProblem();
    }

    /// <summary>
    /// What follows a recorded change, all idempotent: each lot told of its leg, then the shipment listed. The pending flag is
    /// cleared only after both, so a crash or an outage in between is finished on reactivation or on the retried request.
    /// </summary>
    private async Task PropagateAsync(string actor)
    {
        var s = _journal.State.Shipment!;
        var leg = new LotLeg(Id, s.Mode, ShipmentRules.Km(s), s.DepartedAt, s.ArrivedAt);
        foreach (var lot in s.LotIds)
        {
            await GrainFactory.GetGrain<IMaterialLotGrain>(lot).RecordLeg(leg, actor);
        }

        var summary = ShipmentSummary.Of(Id, s);
        foreach (var partition in Partitions(s))
        {
            await SupplyChainIndexes.PutAsync(index, SupplyChainIndexes.Shipments, IndexKey(Id, s.DepartedAt), summary, partition);
        }

        _journal.State.LegsPending = false;
        await snapshot.WriteStateAsync();
    }

    private ShipmentView View()
    {
        var s = _journal.State;
        var km = ShipmentRules.Km(s.Shipment!);
        var t = ShipmentRules.Tonnes(s.Shipment!);
        return new ShipmentView(Id, s.Shipment!, km, t, km * t, s.Version, s.CorrectedVersion, s.UpdatedAt, s.UpdatedBy, s.WithdrawnReason);
    }

    /// <summary>
    /// The index partitions a shipment is listed in: all shipments, its mode, and each of its lots. Each filter is then one
    /// range scan of its own partition, so a page costs the same at 100 or 100,000 shipments.
    /// </summary>
    public static IEnumerable<string> Partitions(ShipmentInput s)
        => new[] { SupplyChainIndexes.All, ModePartition(s.Mode) }.Concat(s.LotIds.Select(LotPartition));

    public static string ModePartition(Factors.TransportMode mode) => "mode:" + mode.ToString().ToLowerInvariant();

    public static string LotPartition(string lotId) => "lot:" + lotId;

    /// <summary>Index key: departure instant (UTC, sortable) then id, so the list pages in time order.</summary>
    public static string IndexKey(string id, OffsetDateTime departed)
        => departed.ToInstant().ToUnixTimeTicks().ToString("D19", CultureInfo.InvariantCulture) + "|" + id;

    private async Task AfterChangeAsync(string action, string actor, string? detail)
    {
        await PropagateAsync(actor);
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, action, "shipment:" + Id, detail));
    }
}
