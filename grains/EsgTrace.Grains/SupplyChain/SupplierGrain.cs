using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>A supplier: append-only events in the log, a snapshot in grain storage, an index entry for lists.</summary>
public sealed class SupplierGrain(
    [PersistentState("supplier")] IPersistentState<SupplierState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    ITableStore tables,
    IClock clock) : Grain, ISupplierGrain
{
    private readonly FigureWatchers _watchers = new();

    private EventJournal<SupplierState, SupplierEvent> _journal = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(SupplyChainStreams.Supplier(this.GetPrimaryKeyString()), snapshot, log, SupplierEventTypes.All, SupplierState.Apply, FollowUpsAsync, GrainContext);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<SupplierView>> Register(SupplierInput input, string actor)
    {
        var check = SupplierRules.Check(input).Check(Validation.IsId(this.GetPrimaryKeyString()), "id", "The supplier id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await _journal.FinishPendingAsync();
        if (_journal.Exists)
        {
            return _journal.State.Supplier == input
                ? Outcome<SupplierView>.Ok(View())
                : new DomainProblem(ProblemKind.Conflict, "The supplier exists.", $"Supplier '{this.GetPrimaryKeyString()}' is already registered with other details; edit it instead.");
        }

        await _journal.AppendAsync(new SupplierRegistered(input, clock.GetCurrentInstant(), actor));
        return Outcome<SupplierView>.Ok(View());
    }

    public async Task<Outcome<SupplierView>> Edit(SupplierInput input, string? reason, string actor)
    {
        if (!_journal.Exists)
        {
            return NotFound();
        }

        var check = SupplierRules.Check(input);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await _journal.FinishPendingAsync();
        if (_journal.State.Supplier != input)
        {
            await _journal.AppendAsync(new SupplierEdited(input, reason, clock.GetCurrentInstant(), actor));
        }

        return Outcome<SupplierView>.Ok(View());
    }

    public async Task<Outcome<SupplierView>> AddCertificate(CertificateInput input, string actor)
    {
        if (!_journal.Exists)
        {
            return NotFound();
        }

        var check = SupplierRules.Check(input);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await _journal.FinishPendingAsync();
        if (!_journal.State.Certificates.Contains(input))
        {
            await _journal.AppendAsync(new CertificateAdded(input, clock.GetCurrentInstant(), actor));
        }

        return Outcome<SupplierView>.Ok(View());
    }

    public Task<SupplierView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

    public Task<SupplierView?> GetWatched(string productId)
    {
        _watchers.Add(productId);
        return Get();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _watchers.NotifyAsync(GrainFactory, new(RecordKind.Supplier, this.GetPrimaryKeyString()));

    private SupplierView View()
    {
        var s = _journal.State;
        return new SupplierView(this.GetPrimaryKeyString(), s.Supplier!.Name, s.Supplier.Country, s.Supplier.Tier, s.Supplier.Gln, s.Certificates.ToList(), s.Version, s.UpdatedAt, s.UpdatedBy);
    }

    private DomainProblem NotFound() => new(ProblemKind.NotFound, "No such supplier.", $"Supplier '{this.GetPrimaryKeyString()}' is not registered.");

    /// <summary>The list row of the current view and one audit record per event, in one batch; then the figures that read it are told.</summary>
    private async Task FollowUpsAsync(IReadOnlyList<JournalEntry<SupplierEvent>> changes)
    {
        List<TableWrite> writes = [JsonIndex.PutWrite(index, SupplyChainLists.Suppliers, SupplyChainLists.All, this.GetPrimaryKeyString(), View())];
        writes.AddRange(changes.Select(c => _journal.AuditWrite(audit, c, Audit(c.Event))));
        await tables.WriteAtomicAsync(writes);
        await _watchers.NotifyAsync(GrainFactory, new(RecordKind.Supplier, this.GetPrimaryKeyString()));
    }

    private AuditRecord Audit(SupplierEvent e)
    {
        var (action, detail) = e switch
        {
            SupplierRegistered r => ("supplier.registered", r.Supplier.Name),
            SupplierEdited edited => ("supplier.edited", edited.Reason),
            CertificateAdded added => ("supplier.certificate-added", $"{added.Certificate.Scheme} {added.Certificate.Number}"),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown supplier event."),
        };
        return new AuditRecord(e.At, e.Actor, action, "supplier:" + this.GetPrimaryKeyString(), detail);
    }
}
