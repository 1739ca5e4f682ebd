using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>A material lot; checks its supplier and input lots exist before recording anything.</summary>
public sealed class MaterialLotGrain(
    [PersistentState("lot")] IPersistentState<LotState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IMaterialLotGrain
{
    private EventJournal<LotState, LotEvent> _journal = null!;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(SupplyChainStreams.Lot(Id), snapshot, log, LotState.Apply);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<LotView>> Record(LotInput input, string actor)
    {
        if (await CheckAsync(input) is { } problem)
        {
            return problem;
        }

        if (_journal.Exists)
        {
            if (!SameContent.Of(_journal.State.Lot, input))
            {
                return FactRules.AlreadyRecorded("lot", Id);
            }

            // A retried request (its first try may have failed after the log write): list the lot again, idempotently.
            await SupplyChainIndexes.PutIdentifierAsync(index, SupplyChainIndexes.LotsByEpc, null, input.EpcClass, Id);
            await ListAsync();
            return Outcome<LotView>.Ok(View());
        }

        await _journal.AppendAsync(new LotRecorded(input, clock.GetCurrentInstant(), actor));
        await SupplyChainIndexes.PutIdentifierAsync(index, SupplyChainIndexes.LotsByEpc, null, input.EpcClass, Id);
        await AfterChangeAsync("lot.recorded", actor, $"{input.Quantity} {input.Unit} {input.Material}");
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

        var before = _journal.State.Lot!.EpcClass;
        await _journal.AppendAsync(new LotCorrected(input, corrects, reason, clock.GetCurrentInstant(), actor));
        await SupplyChainIndexes.PutIdentifierAsync(index, SupplyChainIndexes.LotsByEpc, before, input.EpcClass, Id);
        await AfterChangeAsync("lot.corrected", actor, reason);
        return Outcome<LotView>.Ok(View());
    }

    public async Task RecordLeg(LotLeg leg, string actor)
    {
        if (_journal.Exists && (!_journal.State.Legs.TryGetValue(leg.ShipmentId, out var known) || known != leg))
        {
            await _journal.AppendAsync(new LotLegRecorded(leg, clock.GetCurrentInstant(), actor));
            await ListAsync();
        }
    }

    public async Task RemoveLeg(string shipmentId, string actor)
    {
        if (_journal.Exists && _journal.State.Legs.ContainsKey(shipmentId))
        {
            await _journal.AppendAsync(new LotLegRemoved(shipmentId, clock.GetCurrentInstant(), actor));
            await ListAsync();
        }
    }

    public async Task LinkCertification(LotCertificationLink link, string actor)
    {
        if (_journal.Exists && !_journal.State.CertificationLinks.Contains(link))
        {
            await _journal.AppendAsync(new LotCertificationLinked(link, clock.GetCurrentInstant(), actor));
            await AfterChangeAsync("lot.certificate-linked", actor, $"{link.Certificate} (EPCIS event {link.EpcisEventId})");
        }
    }

    public async Task UnlinkCertification(string epcisEventId, string actor)
    {
        if (_journal.Exists && _journal.State.CertificationLinks.Any(l => l.EpcisEventId == epcisEventId))
        {
            await _journal.AppendAsync(new LotCertificationUnlinked(epcisEventId, clock.GetCurrentInstant(), actor));
            await AfterChangeAsync("lot.certificate-unlinked", actor, $"EPCIS event {epcisEventId} declared erroneous");
        }
    }

    public Task<LotView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

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
        return new LotView(Id, s.Lot!, s.Legs.Values.OrderBy(l => l.DepartedAt.ToInstant()).ToList(), s.Version, s.CorrectedVersion, s.UpdatedAt, s.UpdatedBy, s.CertificationLinks.ToList());
    }

    /// <summary>Puts the lot's current view in the lot list (idempotent).</summary>
    private Task ListAsync() => SupplyChainIndexes.PutAsync(index, SupplyChainIndexes.Lots, Id, View());

    private async Task AfterChangeAsync(string action, string actor, string? detail)
    {
        await ListAsync();
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, action, "lot:" + Id, detail));
    }
}
