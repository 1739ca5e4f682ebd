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
    IClock clock) : Grain, ISupplierGrain
{
    private readonly Analysis.FigureWatchers _watchers = new();

    private EventJournal<SupplierState, SupplierEvent> _journal = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(SupplyChainStreams.Supplier(this.GetPrimaryKeyString()), snapshot, log, SupplierState.Apply);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<SupplierView>> Register(SupplierInput input, string actor)
    {
        var check = SupplierRules.Check(input).Check(Validation.IsId(this.GetPrimaryKeyString()), "id", "The supplier id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        if (_journal.Exists)
        {
            return _journal.State.Supplier == input
                ? Outcome<SupplierView>.Ok(View())
                : new DomainProblem(ProblemKind.Conflict, "The supplier exists.", $"Supplier '{this.GetPrimaryKeyString()}' is already registered with other details; edit it instead.");
        }

        await _journal.AppendAsync(new SupplierRegistered(input, clock.GetCurrentInstant(), actor));
        await AfterChangeAsync("supplier.registered", actor, input.Name);
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

        if (_journal.State.Supplier != input)
        {
            await _journal.AppendAsync(new SupplierEdited(input, reason, clock.GetCurrentInstant(), actor));
            await AfterChangeAsync("supplier.edited", actor, reason);
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

        if (!_journal.State.Certificates.Contains(input))
        {
            await _journal.AppendAsync(new CertificateAdded(input, clock.GetCurrentInstant(), actor));
            await AfterChangeAsync("supplier.certificate-added", actor, $"{input.Scheme} {input.Number}");
        }

        return Outcome<SupplierView>.Ok(View());
    }

    public Task<SupplierView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

    public Task<SupplierView?> GetWatched(string productId)
    {
        _watchers.Add(productId);
        return Get();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _watchers.NotifyAsync(GrainFactory, new(Analysis.RecordKind.Supplier, this.GetPrimaryKeyString()));

    private SupplierView View()
    {
        var s = _journal.State;
        return new SupplierView(this.GetPrimaryKeyString(), s.Supplier!.Name, s.Supplier.Country, s.Supplier.Tier, s.Supplier.Gln, s.Certificates.ToList(), s.Version, s.UpdatedAt, s.UpdatedBy);
    }

    private DomainProblem NotFound() => new(ProblemKind.NotFound, "No such supplier.", $"Supplier '{this.GetPrimaryKeyString()}' is not registered.");

    private async Task AfterChangeAsync(string action, string actor, string? detail)
    {
        await SupplyChainIndexes.PutAsync(index, SupplyChainIndexes.Suppliers, this.GetPrimaryKeyString(), View());
        await _watchers.NotifyAsync(GrainFactory, new(Analysis.RecordKind.Supplier, this.GetPrimaryKeyString()));
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, action, "supplier:" + this.GetPrimaryKeyString(), detail));
    }
}
