using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.Footprints;
using EsgTrace.MassBalance;
using EsgTrace.Storage;
using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>
/// A material lot; checks its supplier and input lots exist before recording anything. Its movements (shipments, batches)
/// live in its ledger partition, read once on activation; it balances its mass by location and refuses (or, for recorded
/// facts, flags) what would take more than a location holds. A shipment writes its own ledger entry in one batch with its
/// event (see <see cref="Hold"/>); the lot then counts it in memory, so a movement costs the lot no write of its own, and its
/// list row is written only when its details change.
/// </summary>
public sealed class MaterialLotGrain(
    [PersistentState("lot")] IPersistentState<LotState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    ITableStore tables,
    IClock clock) : Grain, IMaterialLotGrain
{
    /// <summary>How long a reservation holds mass for a shipment or batch that is still checking its other lots.</summary>
    private static readonly Duration ReservationLifetime = Duration.FromMinutes(2);

    private readonly Dictionary<string, LotMovement> _movements = new(StringComparer.Ordinal);
    private readonly FigureWatchers _watchers = new();
    private readonly Dictionary<string, (LotMovement Movement, Instant Expires)> _reservations = new(StringComparer.Ordinal);
    private EventJournal<LotState, LotEvent> _journal = null!;
    // The balance of _movements, kept up to date in place as movements are counted (see Count), and the movement that came last.
    private LotBalance? _balance;
    private LotMovement? _last;
    private LotView? _view;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(SupplyChainStreams.Lot(Id), snapshot, log, LotEventTypes.All, LotState.Apply, FollowUpsAsync, GrainContext);
        foreach (var m in await LotLedgerIndex.ReadAllAsync(index, Id))
        {
            _movements[m.Key] = m;
        }

        // After the ledger is read: the list row a catch-up writes shows the lot's balance.
        await _journal.CatchUpAsync();
    }

    public async Task<Outcome<LotView>> Record(LotInput input, string actor)
    {
        if (await CheckAsync(input) is { } problem)
        {
            return problem;
        }

        await _journal.FinishPendingAsync();
        if (_journal.Exists)
        {
            if (!SameContent.Of(_journal.State.Lot, input))
            {
                return FactRules.AlreadyRecorded("lot", Id);
            }

            // A retried request (its first try may have failed after the log write): list the lot again, idempotently.
            await SupplyChainIndexes.PutIdentifierAsync(index, SupplyChainLists.LotsByEpc, null, input.EpcClass, Id);
            await ListAsync();
            return Outcome<LotView>.Ok(View());
        }

        await _journal.AppendAsync(new LotRecorded(input, clock.GetCurrentInstant(), actor));
        return Outcome<LotView>.Ok(View());
    }

    public async Task<Outcome<LotView>> Correct(LotInput input, long corrects, string reason, string actor)
    {
        if (!_journal.Exists)
        {
            return FactRules.NotRecorded("lot", Id);
        }

        if ((FactRules.CheckCorrection(corrects, reason, _journal.State.Version) ?? await CheckAsync(input)) is { } problem)
        {
            return problem;
        }

        await _journal.FinishPendingAsync();
        if (SameContent.Of(_journal.State.Lot, input))
        {
            // Nothing to correct: the lot already reads so (e.g. a retry of a correction that was recorded).
            return Outcome<LotView>.Ok(View());
        }

        var corrected = MassBalanceLedger.Balance(Kg(input), input.Site, _movements.Values);
        if (corrected.Locations.FirstOrDefault(l => l.RemainingKg < 0) is { } short_ && !Balance().Locations.Any(l => l.RemainingKg < 0))
        {
            return new DomainProblem(ProblemKind.Conflict, "The lot would hold less than has left it.", $"Lot {Id} as corrected ({Numbers.Plain(Kg(input))} kg, site '{corrected.Origin}') leaves {Numbers.Plain(short_.RemainingKg)} kg at '{short_.Location}': more has been shipped on or consumed there than it would hold. Correct those shipments or batches first.");
        }

        _balance = null;
        _view = null;
        await _journal.AppendAsync(new LotCorrected(input, corrects, reason, clock.GetCurrentInstant(), actor));
        return Outcome<LotView>.Ok(View());
    }

    public async Task<MassShortfall?> Reserve(LotMovement movement)
        => _journal.Exists
            ? (await Hold(movement, flagShortfall: false)).Shortfall
            : new MassShortfall(Id, 0, movement.From ?? MassBalanceLedger.UnnamedSite, 0, movement.Kg, 0);

    public async Task<LotHold> Hold(LotMovement movement, bool flagShortfall)
    {
        if (!_journal.Exists)
        {
            return new LotHold(null, null);
        }

        await ExpireHoldsAsync();
        var lot = _journal.State.Lot!;
        MassShortfall? shortfall;
        LotBalance balance;
        if (!_movements.ContainsKey(movement.Key) && _reservations.Keys.All(k => k == movement.Key) && MassBalanceLedger.CheckSite(lot.Site, Balance().Shipments > 0, movement) == lot.Site)
        {
            // The common case (a new movement, nothing else held): the others are exactly the ledger, whose balance is kept
            // current, so the check costs no pass over the lot's whole history.
            balance = Balance();
            shortfall = MassBalanceLedger.Check(Id, balance, movement);
        }
        else
        {
            var others = Others(movement.Key, withReservations: true);
            shortfall = MassBalanceLedger.Check(Id, Kg(lot), lot.Site, others, movement);
            balance = MassBalanceLedger.Balance(Kg(lot), lot.Site, others);
        }

        if (shortfall is not null && !flagShortfall)
        {
            return new LotHold(null, shortfall);
        }

        var entry = MassBalanceLedger.Resolved(movement, balance) with { Overdrawn = shortfall is not null };
        _reservations[movement.Key] = (entry, clock.GetCurrentInstant() + ReservationLifetime);
        return new LotHold(entry, null);
    }

    public async Task Confirm(LotMovement entry)
    {
        _reservations.Remove(entry.Key);
        if (_journal.Exists && !(_movements.TryGetValue(entry.Key, out var known) && known == entry))
        {
            Count(entry);
            await ChangedAsync();
        }
    }

    public async Task Reconcile(string movementKey)
    {
        // Read before dropping the hold: if storage does not answer, the hold stays and the next expiry check tries again.
        var stored = await LotLedgerIndex.GetAsync(index, Id, movementKey);
        _reservations.Remove(movementKey);
        if (stored is null ? _movements.Remove(movementKey) : !(_movements.TryGetValue(movementKey, out var known) && known == stored))
        {
            if (stored is null)
            {
                _balance = null;
            }
            else
            {
                Count(stored);
            }

            await ChangedAsync();
        }
    }

    public Task Release(string movementKey)
    {
        _reservations.Remove(movementKey);
        return Task.CompletedTask;
    }

    public async Task<LotMovement> Apply(LotMovement movement)
    {
        if (!_journal.Exists)
        {
            return movement;
        }

        var others = Others(movement.Key, withReservations: false);
        var lot = _journal.State.Lot!;
        var resolved = _reservations.TryGetValue(movement.Key, out var held) && held.Movement with { From = movement.From, Overdrawn = movement.Overdrawn } == movement
            ? held.Movement
            : MassBalanceLedger.Resolved(movement, MassBalanceLedger.Balance(Kg(lot), lot.Site, others));
        var stored = resolved with { Overdrawn = MassBalanceLedger.Check(Id, Kg(lot), lot.Site, others, resolved) is not null };
        _reservations.Remove(movement.Key);
        if (_movements.TryGetValue(movement.Key, out var known) && known == stored)
        {
            return known;
        }

        await LotLedgerIndex.PutAsync(index, Id, stored);
        Count(stored);
        await ChangedAsync();
        return stored;
    }

    public async Task Remove(string movementKey)
    {
        _reservations.Remove(movementKey);
        if (_movements.ContainsKey(movementKey))
        {
            await LotLedgerIndex.RemoveAsync(index, Id, movementKey);
            _movements.Remove(movementKey);
            _balance = null;
            await ChangedAsync();
        }
    }

    public async Task LinkCertification(LotCertificationLink link, string actor)
    {
        await _journal.FinishPendingAsync();
        if (_journal.Exists && !_journal.State.CertificationLinks.Contains(link))
        {
            await _journal.AppendAsync(new LotCertificationLinked(link, clock.GetCurrentInstant(), actor));
        }
    }

    public async Task UnlinkCertification(string epcisEventId, string actor)
    {
        await _journal.FinishPendingAsync();
        if (_journal.Exists && _journal.State.CertificationLinks.Any(l => l.EpcisEventId == epcisEventId))
        {
            await _journal.AppendAsync(new LotCertificationUnlinked(epcisEventId, clock.GetCurrentInstant(), actor));
        }
    }

    public async Task<LotView?> Get()
    {
        await ExpireHoldsAsync();
        return _journal.Exists ? View() : null;
    }

    public Task<LotInput?> Details() => Task.FromResult(_journal.Exists ? _journal.State.Lot : null);

    public Task<LotView?> GetWatched(string productId)
    {
        _watchers.Add(productId);
        return Get();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _watchers.NotifyAsync(GrainFactory, new(RecordKind.Lot, Id));

    public async Task<IReadOnlyList<LotMovement>?> Movements()
    {
        await ExpireHoldsAsync();
        return _journal.Exists ? _movements.Values.OrderBy(m => m.RecordedAt).ThenBy(m => m.Key, StringComparer.Ordinal).ToList() : null;
    }

    public async Task<IReadOnlyList<LotMovement>> ShipmentsAfter(string? afterKey, int count)
    {
        await ExpireHoldsAsync();
        return _movements.Values
            .Where(m => m.Kind == MovementKind.Shipment && m.Mode is not null && m.DepartedAt is not null)
            .Select(m => (Key: ShipmentList.Key(m.RecordId, m.DepartedAt!.Value), Movement: m))
            .Where(k => afterKey is null || string.CompareOrdinal(k.Key, afterKey) > 0)
            .OrderBy(k => k.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(k => k.Movement)
            .ToList();
    }

    private async Task<DomainProblem?> CheckAsync(LotInput input)
    {
        var check = LotRules.Check(input).Check(Validation.IsId(Id), "id", "The lot id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        if (check.IsValid)
        {
            check.Check(await GrainFactory.GetGrain<ISupplierGrain>(input.SupplierId).Get() is not null, "supplierId", $"Supplier '{input.SupplierId}' is not registered.");
            foreach (var inputLot in input.InputLotIds)
            {
                check.Check(inputLot != Id && await GrainFactory.GetGrain<IMaterialLotGrain>(inputLot).Get() is not null, "inputLotIds", $"Input lot '{inputLot}' is not recorded.");
            }
        }

        return check.IsValid ? null : check.ToProblem();
    }

    private LotView View()
    {
        var s = _journal.State;
        if (_view is { } cached && cached.Version == s.Version)
        {
            return cached;
        }

        var shipments = _movements.Values.Where(m => m.Kind == MovementKind.Shipment).ToList();
        var transport = shipments.GroupBy(m => m.Mode!.Value).OrderBy(g => g.Key).Select(g => new ModeTonneKm(g.Key, g.Sum(m => m.TonneKm), g.Count())).ToList();
        var firstShipped = shipments.Where(m => m.DepartedAt is not null).MinBy(m => m.DepartedAt!.Value.ToInstant())?.DepartedAt!.Value.Date;
        var balance = Balance();
        return _view = new LotView(Id, s.Lot!, s.Version, s.CorrectedVersion, s.UpdatedAt, s.UpdatedBy, s.CertificationLinks.ToList(), balance, transport, firstShipped, LotView.HashOf(s.Lot!, transport, balance));
    }

    private LotBalance Balance()
    {
        if (_balance is null)
        {
            _balance = MassBalanceLedger.Balance(Kg(_journal.State.Lot!), _journal.State.Lot!.Site, _movements.Values);
            _last = MassBalanceLedger.Last(_movements.Values);
        }

        return _balance;
    }

    /// <summary>Counts a ledger entry: a new one that comes last updates the balance in place; anything else is balanced again on the next read.</summary>
    private void Count(LotMovement entry)
    {
        var isNew = _movements.TryAdd(entry.Key, entry);
        if (!isNew)
        {
            _movements[entry.Key] = entry;
        }

        if (isNew && _balance is not null && MassBalanceLedger.ComesAfter(entry, _last) && MassBalanceLedger.Plus(_balance, entry) is { } plus)
        {
            _balance = plus;
            _last = entry;
        }
        else
        {
            _balance = null;
        }
    }

    private List<LotMovement> Others(string key, bool withReservations)
    {
        var others = _movements.Values.Where(m => m.Key != key).ToList();
        if (withReservations)
        {
            others.AddRange(_reservations.Where(r => r.Key != key).Select(r => r.Value.Movement));
        }

        return others;
    }

    private static decimal Kg(LotInput lot) => Quantity.Of(lot.Quantity, lot.Unit).To(Unit.Kilogram).Value;

    /// <summary>Puts the lot's current view in the lot list (idempotent) and tells the figures that read it.</summary>
    private async Task ListAsync()
    {
        await LotList.PutAsync(index, View());
        await _watchers.NotifyAsync(GrainFactory, new(RecordKind.Lot, Id));
    }

    /// <summary>The ledger changed: the balance is computed again on the next read, and the figures that read the lot are told.</summary>
    private Task ChangedAsync()
    {
        _view = null;
        return _watchers.NotifyAsync(GrainFactory, new(RecordKind.Lot, Id));
    }

    /// <summary>
    /// Holds past their lifetime: the writer may have committed its batch and died before confirming, so the ledger decides
    /// (the entry is counted if it is there), rather than the hold silently lapsing while its entry exists.
    /// </summary>
    private async Task ExpireHoldsAsync()
    {
        if (_reservations.Count == 0)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        foreach (var key in _reservations.Where(r => r.Value.Expires <= now).Select(r => r.Key).ToList())
        {
            await Reconcile(key);
        }
    }

    /// <summary>
    /// What a change owes: the identifier index moved to the lot's EPC class (from the one the change replaced), the list row
    /// and one audit record per event in one batch, then the figures that read the lot are told.
    /// </summary>
    private async Task FollowUpsAsync(IReadOnlyList<JournalEntry<LotEvent>> changes)
    {
        var formerSuppliers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in changes)
        {
            switch (c.Event)
            {
                case LotRecorded r:
                    await SupplyChainIndexes.PutIdentifierAsync(index, SupplyChainLists.LotsByEpc, null, r.Lot.EpcClass, Id);
                    break;
                case LotCorrected corrected:
                    var before = (await _journal.StateAtAsync(c.Version - 1)).Lot;
                    await SupplyChainIndexes.PutIdentifierAsync(index, SupplyChainLists.LotsByEpc, before?.EpcClass, corrected.Lot.EpcClass, Id);
                    if (before is not null && before.SupplierId != corrected.Lot.SupplierId)
                    {
                        formerSuppliers.Add(before.SupplierId);
                    }

                    break;
            }
        }

        var view = View();
        List<TableWrite> writes =
        [
            JsonIndex.PutWrite(index, SupplyChainLists.Lots, SupplyChainLists.All, Id, view),
            // The supplier's own list (its portal shows only these), moved when a correction names another supplier.
            JsonIndex.PutWrite(index, SupplyChainLists.LotsBySupplier, SupplyChainLists.SupplierPartition(view.Lot.SupplierId), Id, view),
            .. formerSuppliers.Where(s => s != view.Lot.SupplierId).Select(s => index.RemoveWrite(SupplyChainLists.LotsBySupplier, SupplyChainLists.SupplierPartition(s), Id)),
        ];
        writes.AddRange(changes.Select(c => (Entry: c, Record: Audit(c.Event))).Where(a => a.Record is not null).Select(a => _journal.AuditWrite(audit, a.Entry, a.Record!)));
        await tables.WriteAtomicAsync(writes);
        await _watchers.NotifyAsync(GrainFactory, new(RecordKind.Lot, Id));
    }

    private AuditRecord? Audit(LotEvent e)
    {
        (string Action, string? Detail)? audited = e switch
        {
            LotRecorded r => ("lot.recorded", $"{r.Lot.Quantity} {r.Lot.Unit} {r.Lot.Material}"),
            LotCorrected c => ("lot.corrected", c.Reason),
            LotCertificationLinked l => ("lot.certificate-linked", $"{l.Link.Certificate} (EPCIS event {l.Link.EpcisEventId})"),
            LotCertificationUnlinked u => ("lot.certificate-unlinked", $"EPCIS event {u.EpcisEventId} declared erroneous"),
            _ => null, // legs of histories from before the ledger: no change of the lot's own
        };
        return audited is var (action, detail) ? new AuditRecord(e.At, e.Actor, action, "lot:" + Id, detail) : null;
    }
}
