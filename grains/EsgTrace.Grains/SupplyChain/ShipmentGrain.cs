using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.MassBalance;
using EsgTrace.Storage;
using EsgTrace.Units;

namespace EsgTrace.SupplyChain;

/// <summary>
/// A shipment. Everything is checked before anything is written, the mass balance of every lot included (each lot holds the
/// mass back while the others are checked). Recording then commits one atomic batch: the shipment's event, each lot's ledger
/// entry, its audit record and its list row (four rows for a shipment of one lot, one fsync on SQLite), after which each lot
/// counts its entry in memory. The state is the shipment's short event log, folded on activation: no snapshot to write.
/// A new activation does not read its log before recording: most ids are new, and the batch's event insert fails if the
/// shipment exists, so the log is read only then (or when the shipment would be refused, or for any other call).
/// Corrections and withdrawals take the slower path (the event, then each lot's own ledger write, then audit and list).
/// Whatever a change left undone (Azure commits a batch one partition at a time; a crash between the steps of a correction)
/// is finished on the next call: the list row is written last and names the version it reflects.
/// </summary>
public sealed class ShipmentGrain(ITableStore tables, IEventLog log, IIndexStore index, IAuditTrail audit, NodaTime.IClock clock) : Grain, IShipmentGrain
{
    private LogJournal<ShipmentState, ShipmentEvent> _journal = null!;
    private bool _loaded;
    private bool _settled;

    private string Id => this.GetPrimaryKeyString();

    private string MovementKey => new LotMovement(MovementKind.Shipment, Id, null, null, 0, null, null, null, default).Key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(SupplyChainStreams.Shipment(Id), log, ShipmentEventTypes.All, ShipmentState.Apply);
        return Task.CompletedTask;
    }

    public async Task<Outcome<ShipmentView>> Record(ShipmentInput input, string actor, bool flagShortfall = false)
    {
        if (Invalid(input) is { } invalid)
        {
            return invalid;
        }

        if (!_loaded && await RecordNewAsync(input, actor, flagShortfall, knownNew: false) is { } recorded)
        {
            return recorded;
        }

        await LoadAsync();
        if (!_journal.Exists)
        {
            return (await RecordNewAsync(input, actor, flagShortfall, knownNew: true))!;
        }

        if (!SameContent.Of(_journal.State.Shipment, input))
        {
            return FactRules.AlreadyRecorded("shipment", Id);
        }

        // The same request again, e.g. a retry after a 503 whose write had reached the log: finish what it left undone.
        await SettleAsync();
        return Outcome<ShipmentView>.Ok(View());
    }

    /// <summary>
    /// Records a shipment not recorded yet: holds the mass on each lot, commits the batch, confirms the holds. Unless
    /// <paramref name="knownNew"/> (the log was read), a refusal or an existing event answers null: the caller reads the log
    /// and decides, so a retry of a recorded shipment is answered from its log, never refused.
    /// </summary>
    private async Task<Outcome<ShipmentView>?> RecordNewAsync(ShipmentInput input, string actor, bool flagShortfall, bool knownNew)
    {
        IReadOnlyDictionary<string, LotInput> lots = new Dictionary<string, LotInput>();
        if (ShipmentRules.NeedsLotMasses(input))
        {
            var (problem, found) = await CheckLotsAsync(input);
            if (problem is not null)
            {
                return knownNew ? Outcome<ShipmentView>.Fail(problem) : null;
            }

            lots = found;
        }

        var at = clock.GetCurrentInstant();
        var held = new List<(IMaterialLotGrain Lot, string LotId, LotMovement Entry)>();
        foreach (var (lotId, movement) in Movements(input, lots, at))
        {
            var lot = Lot(lotId);
            var hold = await lot.Hold(movement, flagShortfall);
            if (hold.Entry is null)
            {
                foreach (var h in held)
                {
                    await h.Lot.Release(MovementKey);
                }

                if (!knownNew)
                {
                    return null;
                }

                // No entry and no shortfall: the lot is not recorded; the full check names every lot that is not.
                return Outcome<ShipmentView>.Fail(hold.Shortfall is { } shortfall
                    ? MassBalanceProblems.Refused(shortfall, "shipment")
                    : (await CheckLotsAsync(input)).Problem ?? DomainProblem.Invalid("lotIds", $"Lot '{lotId}' is not recorded."));
            }

            held.Add((lot, lotId, hold.Entry));
        }

        var recorded = new ShipmentRecorded(input, at, actor, held.Where(h => h.Entry.Overdrawn).Select(h => h.LotId).ToList());
        var version = _journal.State.Version + 1;
        List<TableWrite> batch =
        [
            .. _journal.AppendWrites(recorded),
            .. held.Select(h => LotLedgerIndex.PutWrite(index, h.LotId, h.Entry)),
            AuditWrite(recorded, version),
            ShipmentList.PutWrite(index, Id, input, version),
        ];
        try
        {
            // A batch holds at most 100 rows, so a shipment of more than 97 lots takes more than one, in order: the event in
            // the first, the list row (the completion mark) in the last; a crash in between is finished like any other.
            foreach (var part in batch.Chunk(TableStoreLimits.MaxBatchRows))
            {
                await tables.WriteAtomicAsync(part);
            }
        }
        catch (Exception ex)
        {
            // The outcome may be unknown, or the event exists (recorded before): each lot reads its entry back, not guesses.
            foreach (var h in held)
            {
                await ReconcileQuietlyAsync(h.Lot);
            }

            if (ex is StorageConflictException && !knownNew)
            {
                return null;
            }

            throw;
        }

        _loaded = true;
        _journal.Applied(recorded);
        _settled = true;
        await Task.WhenAll(held.Select(h => h.Lot.Confirm(h.Entry)));
        // Recorded shipments are rarely read soon after; leaving one activation per shipment in memory would grow the heap
        // (and its GC cost) with the rate of recording. A later call reads the short log again.
        DeactivateOnIdle();
        return Outcome<ShipmentView>.Ok(View());
    }

    public async Task<Outcome<ShipmentView>> Correct(ShipmentInput input, long corrects, string reason, string actor)
    {
        await LoadAsync();
        if (!_journal.Exists)
        {
            return FactRules.NotRecorded("shipment", Id);
        }

        await SettleAsync();
        if (((_journal.State.WithdrawnReason is not null ? FactRules.Withdrawn("shipment", Id) : null) ?? FactRules.CheckCorrection(corrects, reason, _journal.State.Version)) is { } refusal)
        {
            return refusal;
        }

        if (SameContent.Of(_journal.State.Shipment, input))
        {
            // Nothing to correct: the shipment already reads so (e.g. a retry of a correction that was recorded).
            return Outcome<ShipmentView>.Ok(View());
        }

        var (problem, lots) = Invalid(input) is { } invalid ? (invalid, new Dictionary<string, LotInput>()) : await CheckLotsAsync(input);
        if (problem is not null)
        {
            return problem;
        }

        var movements = Movements(input, lots, _journal.State.RecordedAt);
        if (await ReserveAsync(movements) is { } refused)
        {
            return refused;
        }

        // A correction is refused when it does not fit, so it overdraws no lot.
        var corrected = new ShipmentCorrected(input, corrects, reason, clock.GetCurrentInstant(), actor, []);
        try
        {
            await _journal.AppendAsync(corrected);
        }
        catch
        {
            await ReleaseAsync(movements.Select(m => m.LotId));
            throw;
        }

        _settled = false;
        await SettleAsync();
        return Outcome<ShipmentView>.Ok(View());
    }

    public async Task Withdraw(string reason, string actor)
    {
        await LoadAsync();
        if (!_journal.Exists)
        {
            return;
        }

        await SettleAsync();
        if (_journal.State.WithdrawnReason is not null)
        {
            return;
        }

        await _journal.AppendAsync(new ShipmentWithdrawn(reason, clock.GetCurrentInstant(), actor));
        _settled = false;
        await SettleAsync();
    }

    public async Task<ShipmentView?> Get()
    {
        await LoadAsync();
        if (!_journal.Exists)
        {
            return null;
        }

        await SettleAsync();
        return View();
    }

    private IMaterialLotGrain Lot(string id) => GrainFactory.GetGrain<IMaterialLotGrain>(id);

    private async Task LoadAsync()
    {
        if (!_loaded)
        {
            await _journal.LoadAsync();
            _loaded = true;
        }
    }

    /// <summary>The checks that need nothing but the input (and the id).</summary>
    private DomainProblem? Invalid(ShipmentInput input)
    {
        var check = ShipmentRules.Check(input).Check(Validation.IsId(Id), "id", "The shipment id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        return check.IsValid ? null : check.ToProblem();
    }

    /// <summary>Every lot's details, or the problem naming each lot that is not recorded.</summary>
    private async Task<(DomainProblem? Problem, IReadOnlyDictionary<string, LotInput> Lots)> CheckLotsAsync(ShipmentInput input)
    {
        var check = new Validation();
        var lots = new Dictionary<string, LotInput>(StringComparer.Ordinal);
        foreach (var id in input.LotIds)
        {
            var lot = await Lot(id).Details();
            check.Check(lot is not null, "lotIds", $"Lot '{id}' is not recorded.");
            if (lot is not null)
            {
                lots[id] = lot;
            }
        }

        return (check.IsValid ? null : check.ToProblem(), lots);
    }

    /// <summary>The ledger entry each lot gets: its share of the shipped mass, from origin to destination.</summary>
    private List<(string LotId, LotMovement Movement)> Movements(ShipmentInput input, IReadOnlyDictionary<string, LotInput> lots, NodaTime.Instant at)
    {
        var kg = ShipmentRules.KgByLot(input, id => lots.TryGetValue(id, out var l) ? Quantity.Of(l.Quantity, l.Unit).To(Unit.Kilogram).Value : 0m);
        return input.LotIds.Select(id => (id, new LotMovement(MovementKind.Shipment, Id, input.From, input.To, kg[id], input.Mode, ShipmentRules.Km(input), input.DepartedAt, at))).ToList();
    }

    /// <summary>Reserves the mass on every lot; on the first refusal releases the others and says what is missing.</summary>
    private async Task<DomainProblem?> ReserveAsync(List<(string LotId, LotMovement Movement)> movements)
    {
        var reserved = new List<string>();
        foreach (var (lotId, movement) in movements)
        {
            if (await Lot(lotId).Reserve(movement) is { } shortfall)
            {
                await ReleaseAsync(reserved);
                return MassBalanceProblems.Refused(shortfall, "shipment");
            }

            reserved.Add(lotId);
        }

        return null;
    }

    private async Task ReleaseAsync(IEnumerable<string> lotIds)
    {
        foreach (var lotId in lotIds)
        {
            await Lot(lotId).Release(MovementKey);
        }
    }

    private async Task ReconcileQuietlyAsync(IMaterialLotGrain lot)
    {
        try
        {
            await lot.Reconcile(MovementKey);
        }
        catch (Exception)
        {
            // Storage or the lot did not answer either: the lot reads its entry back when the hold expires.
        }
    }

    /// <summary>
    /// Makes sure the last change is complete, once per activation (and after each slow-path change). The list row is the last
    /// write of every change and names the version it reflects: a row at the current version (once withdrawn: no row) means
    /// done; otherwise the follow-ups are finished, idempotently.
    /// </summary>
    private async Task SettleAsync()
    {
        if (_settled || !_journal.Exists)
        {
            return;
        }

        var s = _journal.State;
        var listed = await ShipmentList.GetAsync(index, Id, s.Shipment!);
        // Rows from before they carried a version (0) were written as the last step of their change then, after the lots' entries.
        var done = s.WithdrawnReason is null ? listed is not null && (listed.Version == s.Version || listed.Version == 0) : listed is null;
        if (!done)
        {
            await FinishAsync();
        }

        if (!s.OverdrawnLotsKnown && s.WithdrawnReason is null)
        {
            var entries = await Task.WhenAll(s.Shipment!.LotIds.Select(l => LotLedgerIndex.GetAsync(index, l, MovementKey)));
            s.OverdrawnLots = s.Shipment.LotIds.Where((_, i) => entries[i]?.Overdrawn == true).ToList();
            s.OverdrawnLotsKnown = true;
        }

        _settled = true;
    }

    /// <summary>
    /// The follow-ups of the current state, all idempotent: each lot it carries gets its entry (written by the lot), lots it
    /// carried in earlier versions lose theirs; then the audit record of the last change, the list rows of earlier versions
    /// removed, and the current row written last.
    /// </summary>
    private async Task FinishAsync()
    {
        var s = _journal.State;
        var current = s.WithdrawnReason is null ? s.Shipment! : null;
        var versions = _journal.Events.Select(e => e switch { ShipmentRecorded r => r.Shipment, ShipmentCorrected c => c.Shipment, _ => null }).OfType<ShipmentInput>().ToList();
        if (current is not null)
        {
            var lots = new Dictionary<string, LotInput>(StringComparer.Ordinal);
            foreach (var id in current.LotIds)
            {
                if (await Lot(id).Details() is { } lot)
                {
                    lots[id] = lot;
                }
            }

            foreach (var (lotId, movement) in Movements(current, lots, s.RecordedAt))
            {
                await Lot(lotId).Apply(movement);
            }
        }

        foreach (var lotId in versions.SelectMany(v => v.LotIds).Distinct(StringComparer.Ordinal).Except(current?.LotIds ?? [], StringComparer.Ordinal))
        {
            await Lot(lotId).Remove(MovementKey);
        }

        var currentRow = current is null ? default : (SupplyChainLists.ModePartition(current.Mode), ShipmentList.Key(Id, current.DepartedAt));
        List<TableWrite> batch = [AuditWrite(_journal.Events[^1], s.Version)];
        foreach (var (partition, key) in versions.Select(v => (SupplyChainLists.ModePartition(v.Mode), ShipmentList.Key(Id, v.DepartedAt))).Distinct().Where(r => r != currentRow))
        {
            batch.Add(index.RemoveWrite(SupplyChainLists.Shipments, partition, key));
        }

        if (current is not null)
        {
            batch.Add(ShipmentList.PutWrite(index, Id, current, s.Version));
        }

        await tables.WriteAtomicAsync(batch);
    }

    /// <summary>The audit record of an event: its own time and actor, keyed by the version, so finishing it again writes it once.</summary>
    private TableWrite AuditWrite(ShipmentEvent e, long version)
    {
        var (action, detail) = e switch
        {
            ShipmentRecorded r => ("shipment.recorded", $"{r.Shipment.From} → {r.Shipment.To} by {r.Shipment.Mode}"),
            ShipmentCorrected c => ("shipment.corrected", c.Reason),
            ShipmentWithdrawn w => ("shipment.withdrawn", w.Reason),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown shipment event."),
        };
        return audit.RecordWrite(new AuditRecord(e.At, e.Actor, action, "shipment:" + Id, detail), $"shipment:{Id}@{version}");
    }

    private ShipmentView View()
    {
        var s = _journal.State;
        var km = ShipmentRules.Km(s.Shipment!);
        var t = ShipmentRules.Tonnes(s.Shipment!);
        return new ShipmentView(Id, s.Shipment!, km, t, km * t, s.Version, s.CorrectedVersion, s.UpdatedAt, s.UpdatedBy, s.WithdrawnReason, s.OverdrawnLots.ToList());
    }
}
