using System.Text.Json;
using EsgTrace.Audit;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Pact;

public sealed class PactInboundRequestState
{
    public PactInboundRequest? Request { get; set; }

    public PactRequestStatus Status { get; set; }

    public PactAnswer? Answer { get; set; }

    public List<PactWorkItem> Work { get; set; } = [];
}

/// <summary>
/// A partner's footprint request. Answering it sets the status, keeps the answer and adds the answer's event to the
/// outbox in one state write, so an answer is never recorded without its event being owed (and sent at least once).
/// </summary>
public sealed class PactInboundRequestGrain(
    [PersistentState("pact-inbound-request")] IPersistentState<PactInboundRequestState> state,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IPactInboundRequestGrain
{
    public const string Index = "pactinbound";

    private PactWorkHolder Holder => new(PactWorkHolders.Inbound, this.GetPrimaryKeyString());

    public async Task<PactInboundRequestView> Receive(PactInboundRequest request, PactAnswer? automatic)
    {
        if (state.State.Request is not null)
        {
            return View();
        }

        var s = state.State;
        await index.PutAsync(Index, PactWorkList.All, PactWorkList.NewestFirst(request.ReceivedAt, this.GetPrimaryKeyString()), JsonSerializer.SerializeToUtf8Bytes(this.GetPrimaryKeyString()));
        s.Request = request with { Id = this.GetPrimaryKeyString() };
        s.Status = PactRequestStatus.Waiting;
        if (automatic is not null)
        {
            await ApplyAsync(automatic);
        }
        else
        {
            await state.WriteStateAsync();
        }

        await audit.RecordAsync(new AuditRecord(request.ReceivedAt, "pact-partner:" + request.PartnerId, "pact.request-received", "pact-request:" + s.Request.Id,
            $"event {request.EventId} from {request.Source}: {request.DataJson}" + (automatic is null ? "; waits for an answer" : $"; answered at once: {automatic.Status}")));
        return View();
    }

    public async Task<Outcome<PactInboundRequestView>> Answer(PactAnswer answer)
    {
        if (state.State.Request is null)
        {
            return FactRules.NotRecorded("PACT request", this.GetPrimaryKeyString());
        }

        if (state.State.Status != PactRequestStatus.Waiting)
        {
            return new DomainProblem(ProblemKind.Conflict, "The request is answered.", $"The request was already {state.State.Status.ToString().ToLowerInvariant()} by {state.State.Answer?.Actor}.");
        }

        await ApplyAsync(answer);
        await audit.RecordAsync(new AuditRecord(answer.At, answer.Actor, "pact.request-answered", "pact-request:" + this.GetPrimaryKeyString(),
            answer.Status == PactRequestStatus.Fulfilled ? $"fulfilled with {string.Join(", ", answer.FootprintIds)} (event {answer.EventId})" : $"rejected ({answer.ErrorCode}): {answer.Reason} (event {answer.EventId})"));
        return Outcome<PactInboundRequestView>.Ok(View());
    }

    public Task<PactInboundRequestView?> Get() => Task.FromResult(state.State.Request is null ? null : View());

    public Task<IReadOnlyList<PactWorkItem>> Work() => Task.FromResult<IReadOnlyList<PactWorkItem>>([.. state.State.Work]);

    public Task<IReadOnlyList<PactWorkItem>> DueWork(Instant now) => Task.FromResult(PactWorkList.Due(state.State.Work, now));

    public async Task WorkDone(string itemId, string outcome, string? result, Instant at)
    {
        if (PactWorkList.Complete(state.State.Work, itemId, outcome, at))
        {
            await state.WriteStateAsync();
        }

        await PactWorkList.SettleAsync(index, Holder, state.State.Work);
    }

    public async Task WorkFailed(string itemId, string outcome, Instant? nextAttemptAt, Instant at)
    {
        if (PactWorkList.Fail(state.State.Work, itemId, outcome, nextAttemptAt, at))
        {
            await state.WriteStateAsync();
        }

        await PactWorkList.SettleAsync(index, Holder, state.State.Work);
    }

    /// <summary>Status, answer and the owed event in one state write (the marker first).</summary>
    private async Task ApplyAsync(PactAnswer answer)
    {
        var s = state.State;
        var item = PactWorkList.New(PactWorkKind.Deliver, answer.EventId, s.Request!.PartnerId,
            answer.Status == PactRequestStatus.Fulfilled ? PactV3.RequestFulfilled : PactV3.RequestRejected, answer.EventJson, clock.GetCurrentInstant());
        await PactWorkList.AnnounceAsync(index, Holder, [item]);
        s.Status = answer.Status;
        s.Answer = answer;
        s.Work.Add(item);
        await state.WriteStateAsync();
    }

    private PactInboundRequestView View() => new(state.State.Request!, state.State.Status, state.State.Answer, [.. state.State.Work]);
}
