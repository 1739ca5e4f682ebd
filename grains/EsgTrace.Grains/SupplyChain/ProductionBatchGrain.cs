using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.MassBalance;
using EsgTrace.Storage;
using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>
/// A production batch: which lots went into how many units of which product. Listed per product. Its consumption of each
/// lot enters the lot's ledger; a batch that would consume more than a lot holds where it runs is refused (or, captured
/// from EPCIS, recorded and flagged).
/// </summary>
public sealed class ProductionBatchGrain(
    [PersistentState("batch")] IPersistentState<BatchState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    ITableStore tables,
    IClock clock) : Grain, IProductionBatchGrain
{
    private EventJournal<BatchState, BatchEvent> _journal = null!;

    // The ledger entries of the batch being recorded, worked out from the lots Record read; null: the follow-ups read them.
    private List<(string LotId, LotMovement Movement)>? _recording;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(SupplyChainStreams.Batch(Id), snapshot, log, BatchEventTypes.All, BatchState.Apply, FollowUpsAsync, GrainContext);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<BatchView>> Record(BatchInput input, string actor, bool flagShortfall = false)
    {
        var check = ProductRules.Check(input).Check(Validation.IsId(Id), "id", "The batch id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        ProductView? product = null;
        var lots = new Dictionary<string, LotInput>(StringComparer.Ordinal);
        if (check.IsValid)
        {
            product = await GrainFactory.GetGrain<IProductGrain>(input.ProductId).Get();
            check.Check(product is not null, "productId", $"Product '{input.ProductId}' is not defined.");
            foreach (var id in input.InputLotIds)
            {
                var lot = await GrainFactory.GetGrain<IMaterialLotGrain>(id).Get();
                check.Check(lot is not null, "inputLotIds", $"Lot '{id}' is not recorded.");
                if (lot is not null)
                {
                    lots[id] = lot.Lot;
                }
            }
        }

        if (check.IsValid && input.LotUses is null && input.OutputMass is { } output)
        {
            var inKg = BatchConsumption.KgByLot(input, product!.Product, lots).Values.Sum();
            var outKg = Quantity.Of(output + (input.LossMass ?? 0), input.MassUnit!).To(Unit.Kilogram).Value;
            check.Check(outKg <= inKg, "outputMass", $"Output and losses ({Numbers.Plain(outKg)} kg) cannot exceed what went in by the bill of materials ({Numbers.Plain(inKg)} kg).");
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await _journal.FinishPendingAsync();
        if (_journal.Exists)
        {
            if (!SameContent.Of(_journal.State.Batch, input))
            {
                return FactRules.AlreadyRecorded("batch", Id);
            }

            // A retried request (its first try may have failed after the log write): finish its follow-ups, idempotently.
            if (_journal.State.WithdrawnReason is null)
            {
                foreach (var (lotId, movement) in Movements(input, product!.Product, lots, _journal.State.RecordedAt))
                {
                    await GrainFactory.GetGrain<IMaterialLotGrain>(lotId).Apply(movement);
                }

                await ListAsync(input);
            }

            return Outcome<BatchView>.Ok(View());
        }

        var at = clock.GetCurrentInstant();
        var movements = Movements(input, product!.Product, lots, at);
        var reserved = new List<string>();
        foreach (var (lotId, movement) in flagShortfall ? [] : movements)
        {
            if (await GrainFactory.GetGrain<IMaterialLotGrain>(lotId).Reserve(movement) is { } shortfall)
            {
                await ReleaseAsync(reserved);
                return MassBalanceProblems.Refused(shortfall, "batch");
            }

            reserved.Add(lotId);
        }

        _recording = movements;
        try
        {
            await _journal.AppendAsync(new BatchRecorded(input, at, actor));
        }
        catch when (!_journal.Exists)
        {
            await ReleaseAsync(reserved);
            throw;
        }
        finally
        {
            _recording = null;
        }

        return Outcome<BatchView>.Ok(View());
    }

    public async Task Withdraw(string reason, string actor)
    {
        await _journal.FinishPendingAsync();
        if (!_journal.Exists || _journal.State.WithdrawnReason is not null)
        {
            return;
        }

        await _journal.AppendAsync(new BatchWithdrawn(reason, clock.GetCurrentInstant(), actor));
    }

    /// <summary>
    /// What a change owes, from the current state (each step idempotent): a recorded batch's lots get their ledger entries and
    /// the batch its row in its product's list; a withdrawn one's lots lose them and the row goes. The list write and one audit
    /// record per event go in one batch; then the product's figures are told.
    /// </summary>
    private async Task FollowUpsAsync(IReadOnlyList<JournalEntry<BatchEvent>> changes)
    {
        var s = _journal.State;
        var batch = s.Batch!;
        List<TableWrite> writes = [];
        if (s.WithdrawnReason is null)
        {
            foreach (var (lotId, movement) in _recording ?? await MovementsAsync(batch, s.RecordedAt))
            {
                await GrainFactory.GetGrain<IMaterialLotGrain>(lotId).Apply(movement);
            }

            writes.Add(JsonIndex.PutWrite(index, SupplyChainLists.Batches, batch.ProductId, Id, View()));
        }
        else
        {
            foreach (var lotId in batch.InputLotIds)
            {
                await GrainFactory.GetGrain<IMaterialLotGrain>(lotId).Remove(MovementKey);
            }

            writes.Add(index.RemoveWrite(SupplyChainLists.Batches, batch.ProductId, Id));
        }

        writes.AddRange(changes.Select(c => _journal.AuditWrite(audit, c, c.Event switch
        {
            BatchRecorded r => new AuditRecord(r.At, r.Actor, "batch.recorded", "batch:" + Id, $"{r.Batch.Quantity} × {r.Batch.ProductId} from {r.Batch.InputLotIds.Count} lot(s)"),
            BatchWithdrawn w => new AuditRecord(w.At, w.Actor, "batch.withdrawn", "batch:" + Id, w.Reason),
            _ => throw new ArgumentOutOfRangeException(nameof(changes), c.Event.GetType().Name, "Unknown batch event."),
        })));
        await tables.WriteAtomicAsync(writes);
        await GrainFactory.GetGrain<IRecordWatcherGrain>(batch.ProductId).Changed(new(RecordKind.Batches, batch.ProductId));
    }

    /// <summary>The batch's ledger entries, from its product and lots as they read now.</summary>
    private async Task<List<(string LotId, LotMovement Movement)>> MovementsAsync(BatchInput input, Instant at)
    {
        var product = await GrainFactory.GetGrain<IProductGrain>(input.ProductId).Get();
        var lots = new Dictionary<string, LotInput>(StringComparer.Ordinal);
        foreach (var id in input.InputLotIds)
        {
            if (await GrainFactory.GetGrain<IMaterialLotGrain>(id).Details() is { } lot)
            {
                lots[id] = lot;
            }
        }

        return product is null ? [] : Movements(input, product.Product, lots, at);
    }

    private string MovementKey => new LotMovement(MovementKind.Batch, Id, null, null, 0, null, null, null, default).Key;

    private List<(string LotId, LotMovement Movement)> Movements(BatchInput input, ProductInput product, IReadOnlyDictionary<string, LotInput> lots, Instant at)
        => BatchConsumption.KgByLot(input, product, lots)
            .Where(u => u.Value > 0)
            .Select(u => (u.Key, new LotMovement(MovementKind.Batch, Id, input.Site, null, u.Value, null, null, input.ProducedAt, at)))
            .ToList();

    private async Task ReleaseAsync(IEnumerable<string> lotIds)
    {
        foreach (var lotId in lotIds)
        {
            await GrainFactory.GetGrain<IMaterialLotGrain>(lotId).Release(MovementKey);
        }
    }

    public Task<BatchView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

    /// <summary>Puts the batch's current view in its product's batch list (idempotent) and tells the product's figures.</summary>
    private async Task ListAsync(BatchInput input)
    {
        await SupplyChainIndexes.PutAsync(index, SupplyChainLists.Batches, Id, View(), partition: input.ProductId);
        await GrainFactory.GetGrain<IRecordWatcherGrain>(input.ProductId).Changed(new(RecordKind.Batches, input.ProductId));
    }

    private BatchView View() => new(Id, _journal.State.Batch!, _journal.State.Version, _journal.State.UpdatedAt, _journal.State.UpdatedBy, _journal.State.WithdrawnReason);
}
