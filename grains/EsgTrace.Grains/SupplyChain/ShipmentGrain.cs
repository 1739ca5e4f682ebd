using System.Globalization;
using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.MassBalance;
using EsgTrace.Storage;
using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>
/// A shipment. Everything is checked before anything is written, the mass balance of every lot included (each lot holds the
/// mass back while the others are checked); once recorded, each lot it moved gets the movement in its ledger (idempotently),
/// and an unfinished hand-over is completed on the next activation.
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

    public async Task<Outcome<ShipmentView>> Record(ShipmentInput input, string actor, bool flagShortfall = false)
    {
        var (problem, lots) = await CheckAsync(input);
        if (problem is not null)
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

        var at = clock.GetCurrentInstant();
        var movements = Movements(input, lots, at);
        if (!flagShortfall && await ReserveAsync(movements) is { } refused)
        {
            return refused;
        }

        await WriteReservedAsync(movements, () => _journal.AppendAsync(new ShipmentRecorded(input, at, actor)));
        await AfterChangeAsync("shipment.recorded", actor, $"{input.From} → {input.To} by {input.Mode}");
        return Outcome<ShipmentView>.Ok(View());
    }

    public async Task<Outcome<ShipmentView>> Correct(ShipmentInput input, long corrects, string reason, string actor)
    {
        if (!_journal.Exists)
        {
            return FactRules.NotRecorded("shipment", Id);
        }

        if (((_journal.State.WithdrawnReason is not null ? FactRules.Withdrawn("shipment", Id) : null) ?? FactRules.CheckCorrection(corrects, reason, _journal.State.Version)) is { } refusal)
        {
            return refusal;
        }

        var (problem, lots) = await CheckAsync(input);
        if (problem is not null)
        {
            return problem;
        }

        var movements = Movements(input, lots, _journal.State.RecordedAt);
        if (await ReserveAsync(movements) is { } refused)
        {
            return refused;
        }

        var before = _journal.State.Shipment!;
        await WriteReservedAsync(movements, () => _journal.AppendAsync(new ShipmentCorrected(input, corrects, reason, clock.GetCurrentInstant(), actor)));
        foreach (var dropped in before.LotIds.Except(input.LotIds))
        {
            await GrainFactory.GetGrain<IMaterialLotGrain>(dropped).Remove(MovementKey);
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
            await GrainFactory.GetGrain<IMaterialLotGrain>(lot).Remove(MovementKey);
        }

        foreach (var partition in Partitions(s))
        {
            await index.RemoveAsync(SupplyChainIndexes.Shipments, partition, IndexKey(Id, s.DepartedAt));
        }

        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "shipment.withdrawn", "shipment:" + Id, reason));
    }

    public Task<ShipmentView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

    private string MovementKey => new LotMovement(MovementKind.Shipment, Id, null, null, 0, null, null, null, default).Key;

    private async Task<(DomainProblem? Problem, IReadOnlyDictionary<string, LotView> Lots)> CheckAsync(ShipmentInput input)
    {
        var check = ShipmentRules.Check(input).Check(Validation.IsId(Id), "id", "The shipment id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        var lots = new Dictionary<string, LotView>(StringComparer.Ordinal);
        if (check.IsValid)
        {
            foreach (var id in input.LotIds)
            {
                var lot = await GrainFactory.GetGrain<IMaterialLotGrain>(id).Get();
                check.Check(lot is not null, "lotIds", $"Lot '{id}' is not recorded.");
                if (lot is not null)
                {
                    lots[id] = lot;
                }
            }
        }

        return (check.IsValid ? null : check.ToProblem(), lots);
    }

    /// <summary>The ledger entry each lot gets: its share of the shipped mass, from origin to destination.</summary>
    private List<(string LotId, LotMovement Movement)> Movements(ShipmentInput input, IReadOnlyDictionary<string, LotView> lots, NodaTime.Instant at)
    {
        var kg = ShipmentRules.KgByLot(input, id => lots.TryGetValue(id, out var l) ? Quantity.Of(l.Lot.Quantity, l.Lot.Unit).To(Unit.Kilogram).Value : 0m);
        return input.LotIds.Select(id => (id, new LotMovement(MovementKind.Shipment, Id, input.From, input.To, kg[id], input.Mode, ShipmentRules.Km(input), input.DepartedAt, at))).ToList();
    }

    /// <summary>Reserves the mass on every lot; on the first refusal releases the others and says what is missing.</summary>
    private async Task<DomainProblem?> ReserveAsync(List<(string LotId, LotMovement Movement)> movements)
    {
        var reserved = new List<string>();
        foreach (var (lotId, movement) in movements)
        {
            if (await GrainFactory.GetGrain<IMaterialLotGrain>(lotId).Reserve(movement) is { } shortfall)
            {
                await ReleaseAsync(reserved, movement.Key);
                return MassBalanceProblems.Refused(shortfall, "shipment");
            }

            reserved.Add(lotId);
        }

        return null;
    }

    /// <summary>Runs the write; if it fails, the reservations are given back before the failure surfaces.</summary>
    private async Task WriteReservedAsync(List<(string LotId, LotMovement Movement)> movements, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            await ReleaseAsync(movements.Select(m => m.LotId), MovementKey);
            throw;
        }
    }

    private async Task ReleaseAsync(IEnumerable<string> lotIds, string key)
    {
        foreach (var lotId in lotIds)
        {
            await GrainFactory.GetGrain<IMaterialLotGrain>(lotId).Release(key);
        }
    }

    /// <summary>
    /// What follows a recorded change, all idempotent: each lot told of its leg, then the shipment listed. The pending flag is
    /// cleared only after both, so a crash or an outage in between is finished on reactivation or on the retried request.
    /// </summary>
    private async Task PropagateAsync(string actor)
    {
        var s = _journal.State.Shipment!;
        var lots = new Dictionary<string, LotView>(StringComparer.Ordinal);
        foreach (var id in s.LotIds)
        {
            if (await GrainFactory.GetGrain<IMaterialLotGrain>(id).Get() is { } lot)
            {
                lots[id] = lot;
            }
        }

        var overdrawn = new List<string>();
        foreach (var (lotId, movement) in Movements(s, lots, _journal.State.RecordedAt))
        {
            if ((await GrainFactory.GetGrain<IMaterialLotGrain>(lotId).Apply(movement)).Overdrawn)
            {
                overdrawn.Add(lotId);
            }
        }

        _journal.State.OverdrawnLots = overdrawn;

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
        return new ShipmentView(Id, s.Shipment!, km, t, km * t, s.Version, s.CorrectedVersion, s.UpdatedAt, s.UpdatedBy, s.WithdrawnReason, s.OverdrawnLots.ToList());
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
