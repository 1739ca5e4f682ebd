using EsgTrace.Audit;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.SupplierPortal;

/// <summary>
/// A request to a supplier on the event journal (stream <c>supplier-request/{id}</c>): created by the supply chain,
/// answered by the supplier, each answer accepted or rejected by the supply chain. Follow-ups: its rows in the brand's
/// list and in the supplier's own partition, and one audit record per event, in one batch.
/// </summary>
public sealed class SupplierRequestGrain(
    [PersistentState("supplierrequest")] IPersistentState<SupplierRequestState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    ITableStore tables,
    IClock clock) : Grain, ISupplierRequestGrain
{
    /// <summary>Request ids are shorter than other ids, so a lot factor's source can name them.</summary>
    public const int MaxIdLength = 60;

    /// <summary>Answers one request keeps at most (answered, rejected, answered again …).</summary>
    public const int MaxAnswers = 50;

    private EventJournal<SupplierRequestState, SupplierRequestEvent> _journal = null!;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new("supplier-request/" + Id, snapshot, log, SupplierRequestEventTypes.All, SupplierRequestState.Apply, FollowUpsAsync, GrainContext);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<SupplierRequestView>> Create(SupplierRequestInput input, string actor)
    {
        var check = new Validation()
            .Check(Validation.IsId(Id) && Id.Length <= MaxIdLength, "id", $"The request id must be 1-{MaxIdLength} characters: letters, digits, '.', '-', '_' or ':'.")
            .Check(Enum.IsDefined(input.Kind), "kind", "'kind' is footprint or certificate.")
            .Id(input.SupplierId, "supplierId")
            .Text(input.Message, "message", 1000)
            .Text(input.Scheme, "scheme", 40, required: false)
            .Check(input.Kind != SupplierRequestKind.Footprint || Validation.IsId(input.LotId), "lotId", "A footprint request names the supplier's lot (lotId) whose footprint it asks for.")
            .Check(input.Kind != SupplierRequestKind.Certificate || input.LotId is null, "lotId", "A certificate request is about the supplier, not a lot: leave lotId out.");
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await _journal.FinishPendingAsync();
        if (_journal.Exists)
        {
            return _journal.State.Request == input
                ? Outcome<SupplierRequestView>.Ok(View())
                : new DomainProblem(ProblemKind.Conflict, "The request exists.", $"Request '{Id}' was made already with other details.");
        }

        if (await GrainFactory.GetGrain<ISupplierGrain>(input.SupplierId).Get() is null)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such supplier.", $"Supplier '{input.SupplierId}' is not registered.");
        }

        if (input.Kind == SupplierRequestKind.Footprint && await LotProblemAsync(input.LotId!, input.SupplierId) is { } lotProblem)
        {
            return lotProblem;
        }

        await _journal.AppendAsync(new SupplierRequestCreated(input, clock.GetCurrentInstant(), actor));
        return Outcome<SupplierRequestView>.Ok(View());
    }

    public async Task<Outcome<SupplierRequestView>> Answer(string supplierId, SupplierAnswerInput answer, string actor)
    {
        // Another supplier's request is answered as if it did not exist: no supplier learns of another's requests.
        if (!_journal.Exists || _journal.State.Request!.SupplierId != supplierId)
        {
            return NotFound();
        }

        var request = _journal.State.Request;
        var check = new Validation();
        if (request.Kind == SupplierRequestKind.Footprint)
        {
            check.Check(answer.Footprint is not null && answer.Certificate is null, "footprint", "This request asks for a footprint: send the footprint form (and optionally its document), not a certificate.");
            if (answer.Footprint is not null)
            {
                foreach (var (field, messages) in FootprintAnswerRules.Check(answer.Footprint).ToProblem().Errors ?? new Dictionary<string, string[]>())
                {
                    check.Add("footprint." + field, messages[0]);
                }
            }
        }
        else
        {
            check.Check(answer.Certificate is not null && answer.Footprint is null && answer.Document is null, "certificate", "This request asks for a certificate: send the certificate (its evidence inside it), not a footprint.");
            if (answer.Certificate is not null)
            {
                foreach (var (field, messages) in SupplierRules.Check(answer.Certificate).ToProblem().Errors ?? new Dictionary<string, string[]>())
                {
                    check.Add("certificate." + field, messages[0]);
                }

                check.Check(request.Scheme is null || string.Equals(request.Scheme, answer.Certificate.Scheme?.Trim(), StringComparison.OrdinalIgnoreCase), "certificate.scheme", $"This request asks for a {request.Scheme} certificate.");
            }
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await _journal.FinishPendingAsync();
        var state = _journal.State;
        if (state.Status == SupplierRequestStatus.Accepted)
        {
            return new DomainProblem(ProblemKind.Conflict, "The request is done.", $"Answer {state.Answers.Count} to request '{Id}' was accepted; there is nothing more to answer.");
        }

        if (state.Status == SupplierRequestStatus.Answered)
        {
            return state.Answers[^1].Answer == answer
                ? Outcome<SupplierRequestView>.Ok(View())
                : new DomainProblem(ProblemKind.Conflict, "An answer is waiting for review.", $"Answer {state.Answers.Count} to request '{Id}' waits for the brand's review; answer again if it is rejected.");
        }

        if (state.Answers.Count >= MaxAnswers)
        {
            return new DomainProblem(ProblemKind.Conflict, "Too many answers.", $"Request '{Id}' has {MaxAnswers} answers; ask the brand for a new request.");
        }

        await _journal.AppendAsync(new SupplierRequestAnswered(answer, clock.GetCurrentInstant(), actor));
        return Outcome<SupplierRequestView>.Ok(View());
    }

    public async Task<Outcome<SupplierRequestView>> Accept(int answer, string? reason, string actor)
    {
        if (await ReviewProblemAsync(answer, accepting: true) is { } problem)
        {
            return problem.Kind == ProblemKind.Conflict && _journal.State.Status == SupplierRequestStatus.Accepted && answer == _journal.State.Answers.Count
                ? Outcome<SupplierRequestView>.Ok(View()) // a retried accept of the same answer
                : problem;
        }

        var check = new Validation().Text(reason, "reason", 500, required: false);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var state = _journal.State;
        var given = state.Answers[answer - 1].Answer;
        // The effect first (each is idempotent: the same correction or certificate again changes nothing), then the event
        // that marks the answer accepted; a refusal of the effect leaves the request as it was.
        if (state.Request!.Kind == SupplierRequestKind.Footprint)
        {
            var applied = await ApplyFootprintAsync(state.Request, given, answer, actor);
            if (applied is not null)
            {
                return applied;
            }
        }
        else
        {
            var added = await GrainFactory.GetGrain<ISupplierGrain>(state.Request.SupplierId).AddCertificate(given.Certificate!, actor);
            if (!added.IsOk)
            {
                return added.Problem!;
            }
        }

        await _journal.AppendAsync(new SupplierAnswerAccepted(answer, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), clock.GetCurrentInstant(), actor));
        return Outcome<SupplierRequestView>.Ok(View());
    }

    public async Task<Outcome<SupplierRequestView>> Reject(int answer, string reason, string actor)
    {
        var check = new Validation().Text(reason, "reason", 500);
        if (!check.IsValid)
        {
            return DomainProblem.Invalid("reason", "Say why the answer is rejected (1-500 characters): the supplier reads it.");
        }

        if (await ReviewProblemAsync(answer, accepting: false) is { } problem)
        {
            return problem;
        }

        await _journal.AppendAsync(new SupplierAnswerRejected(answer, reason.Trim(), clock.GetCurrentInstant(), actor));
        return Outcome<SupplierRequestView>.Ok(View());
    }

    public Task<SupplierRequestView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

    private async Task<DomainProblem?> ReviewProblemAsync(int answer, bool accepting)
    {
        if (!_journal.Exists)
        {
            return NotFound();
        }

        await _journal.FinishPendingAsync();
        var state = _journal.State;
        if (answer < 1 || answer > state.Answers.Count)
        {
            return DomainProblem.Invalid("answer", state.Answers.Count == 0 ? $"Request '{Id}' has no answer yet." : $"Request '{Id}' has answers 1 to {state.Answers.Count}.");
        }

        if (state.Answers[answer - 1].Review is { } review)
        {
            return new DomainProblem(ProblemKind.Conflict, "The answer was reviewed.", $"Answer {answer} was {(review.Accepted ? "accepted" : "rejected")} by {review.Actor}; it cannot be {(accepting ? "accepted" : "rejected")} now.");
        }

        return null;
    }

    private async Task<DomainProblem?> ApplyFootprintAsync(SupplierRequestInput request, SupplierAnswerInput given, int answer, string actor)
    {
        var lotGrain = GrainFactory.GetGrain<IMaterialLotGrain>(request.LotId!);
        if (await LotProblemAsync(request.LotId!, request.SupplierId) is { } lotProblem)
        {
            return lotProblem;
        }

        var lot = (await lotGrain.Get())!;
        var factor = FootprintAnswerRules.ToLotFactor(given.Footprint!, Id, given.Document?.Sha256);
        var corrected = await lotGrain.Correct(lot.Lot with { Factor = factor }, lot.Version, $"supplier footprint accepted (request {Id}, answer {answer})", actor);
        return corrected.IsOk ? null : corrected.Problem;
    }

    private async Task<DomainProblem?> LotProblemAsync(string lotId, string supplierId)
    {
        var lot = await GrainFactory.GetGrain<IMaterialLotGrain>(lotId).Details();
        return lot is null
            ? new DomainProblem(ProblemKind.NotFound, "No such lot.", $"Lot '{lotId}' is not recorded.")
            : lot.SupplierId != supplierId
                ? DomainProblem.Invalid("lotId", $"Lot '{lotId}' comes from supplier '{lot.SupplierId}', not '{supplierId}': a supplier answers for its own lots only.")
                : null;
    }

    private DomainProblem NotFound() => new(ProblemKind.NotFound, "No such request.", $"There is no request '{Id}'.");

    private SupplierRequestView View()
    {
        var s = _journal.State;
        return new SupplierRequestView(Id, s.Request!, s.Status, s.Answers.ToList(), s.CreatedAt, s.CreatedBy, s.Version, s.UpdatedAt, s.UpdatedBy);
    }

    private async Task FollowUpsAsync(IReadOnlyList<JournalEntry<SupplierRequestEvent>> changes)
    {
        var view = View();
        List<TableWrite> writes =
        [
            JsonIndex.PutWrite(index, SupplierPortalLists.Requests, SupplyChainLists.All, Id, view),
            JsonIndex.PutWrite(index, SupplierPortalLists.Requests, SupplierPortalLists.Of(view.Request.SupplierId), Id, view),
        ];
        writes.AddRange(changes.Select(c => _journal.AuditWrite(audit, c, Audit(c.Event))));
        await tables.WriteAtomicAsync(writes);
    }

    private AuditRecord Audit(SupplierRequestEvent e)
    {
        var (action, detail) = e switch
        {
            SupplierRequestCreated c => ("supplier-request.created", $"{c.Request.Kind.ToString().ToLowerInvariant()} request to supplier {c.Request.SupplierId}{(c.Request.LotId is null ? "" : $" for lot {c.Request.LotId}")}"),
            SupplierRequestAnswered a => ("supplier-request.answered", a.Answer.Footprint is { } f
                ? $"footprint PCF {f.Id}: {f.PcfExcludingBiogenicUptake} kg CO2e per {f.DeclaredUnitAmount} {f.DeclaredUnitOfMeasurement}{(a.Answer.Document is { } d ? $"; document sha256 {d.Sha256}" : "")}"
                : $"certificate {a.Answer.Certificate?.Scheme} {a.Answer.Certificate?.Number}"),
            SupplierAnswerAccepted a => ("supplier-request.accepted", $"answer {a.Answer}{(a.Reason is null ? "" : ": " + a.Reason)}"),
            SupplierAnswerRejected r => ("supplier-request.rejected", $"answer {r.Answer}: {r.Reason}"),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown supplier request event."),
        };
        return new AuditRecord(e.At, e.Actor, action, "supplier-request:" + Id, detail);
    }
}
