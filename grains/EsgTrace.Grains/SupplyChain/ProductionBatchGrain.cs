using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>A production batch: which lots went into how many units of which product. Listed per product.</summary>
public sealed class ProductionBatchGrain(
    [PersistentState("batch")] IPersistentState<BatchState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IProductionBatchGrain
{
    private EventJournal<BatchState, BatchEvent> _journal = null!;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(SupplyChainStreams.Batch(Id), snapshot, log, BatchState.Apply);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<BatchView>> Record(BatchInput input, string actor)
    {
        var check = ProductRules.Check(input).Check(Validation.IsId(Id), "id", "The batch id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        if (check.IsValid)
        {
            check.Check(await GrainFactory.GetGrain<IProductGrain>(input.ProductId).Get() is not null, "productId", $"Product '{input.ProductId}' is not defined.");
            foreach (var lot in input.InputLotIds)
            {
                check.Check(await GrainFactory.GetGrain<IMaterialLotGrain>(lot).Get() is not null, "inputLotIds", $"Lot '{lot}' is not recorded.");
            }
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        if (_journal.Exists)
        {
            if (!SameContent.Of(_journal.State.Batch, input))
            {
                return FactRules.AlreadyRecorded("batch", Id);
            }

            // A retried request (its first try may have failed after the log write): list the batch again, idempotently.
            if (_journal.State.WithdrawnReason is null)
            {
                await ListAsync(input);
            }

            return Outcome<BatchView>.Ok(View());
        }

        await _journal.AppendAsync(new BatchRecorded(input, clock.GetCurrentInstant(), actor));
        await ListAsync(input);
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "batch.recorded", "batch:" + Id, $"{input.Quantity} × {input.ProductId} from {input.InputLotIds.Count} lot(s)"));
        return Outcome<BatchView>.Ok(View());
    }

    public async Task Withdraw(string reason, string actor)
    {
        if (!_journal.Exists || _journal.State.WithdrawnReason is not null)
        {
            return;
        }

        await _journal.AppendAsync(new BatchWithdrawn(reason, clock.GetCurrentInstant(), actor));
        await index.RemoveAsync(SupplyChainIndexes.Batches, _journal.State.Batch!.ProductId, Id);
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "batch.withdrawn", "batch:" + Id, reason));
    }

    public Task<BatchView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

    /// <summary>Puts the batch's current view in its product's batch list (idempotent).</summary>
    private Task ListAsync(BatchInput input) => SupplyChainIndexes.PutAsync(index, SupplyChainIndexes.Batches, Id, View(), partition: input.ProductId);

    private BatchView View() => new(Id, _journal.State.Batch!, _journal.State.Version, _journal.State.UpdatedAt, _journal.State.UpdatedBy, _journal.State.WithdrawnReason);
}
