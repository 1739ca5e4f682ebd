using System.Text.Json;
using EsgTrace.Audit;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Pact;

public sealed class PactOutboundRequestState
{
    public PactOutboundRequest? Request { get; set; }

    public PactOutboundStatus Status { get; set; }

    public List<string> FootprintIds { get; set; } = [];

    public string? RejectionCode { get; set; }

    public string? RejectionMessage { get; set; }

    public Instant? AnsweredAt { get; set; }

    /// <summary>Ids of the partner's answer events already taken (a redelivered answer changes nothing).</summary>
    public List<string> AnswerEventIds { get; set; } = [];

    public List<PactWorkItem> Work { get; set; } = [];
}

/// <summary>A footprint request we made; its RequestCreated event is owed from the same state write that records it.</summary>
public sealed class PactOutboundRequestGrain(
    [PersistentState("pact-outbound-request")] IPersistentState<PactOutboundRequestState> state,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IPactOutboundRequestGrain
{
    public const string Index = "pactoutbound";

    private string Id => this.GetPrimaryKeyString();

    private PactWorkHolder Holder => new(PactWorkHolders.Outbound, Id);

    public static string SupplierPartition(string supplierId) => "supplier-" + supplierId;

    public async Task<PactOutboundRequestView> Create(PactOutboundRequest request, string? eventJson)
    {
        if (state.State.Request is not null)
        {
            return View();
        }

        var s = state.State;
        var listed = JsonSerializer.SerializeToUtf8Bytes(Id);
        var row = PactWorkList.NewestFirst(request.CreatedAt, Id);
        await index.PutAsync(Index, PactWorkList.All, row, listed);
        if (request.SupplierId is { } supplier)
        {
            await index.PutAsync(Index, SupplierPartition(supplier), row, listed);
        }

        s.Request = request with { EventId = Id };
        if (request.PartnerId is { } partner && eventJson is not null)
        {
            var item = PactWorkList.New(PactWorkKind.Deliver, Id, partner, PactV3.RequestCreated, eventJson, clock.GetCurrentInstant());
            await PactWorkList.AnnounceAsync(index, Holder, [item]);
            s.Work.Add(item);
            s.Status = PactOutboundStatus.Requested;
        }
        else
        {
            s.Status = PactOutboundStatus.WaitingForSupplier;
        }

        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(request.CreatedAt, request.CreatedBy, "pact.footprint-requested", "pact-outbound:" + Id,
            $"from {(request.PartnerId is { } p ? "partner " + p : "supplier " + request.SupplierId)} for lot {request.LotId ?? "(none)"}: {string.Join(", ", request.ProductIds)}"));
        return View();
    }

    public async Task<Outcome<PactOutboundRequestView>> Fulfilled(string partnerId, string eventId, IReadOnlyList<string> footprintIds)
    {
        if (Check(partnerId) is { } problem)
        {
            return problem;
        }

        var s = state.State;
        if (!s.AnswerEventIds.Contains(eventId))
        {
            s.AnswerEventIds.Add(eventId);
            s.Status = PactOutboundStatus.Fulfilled;
            s.FootprintIds.AddRange(footprintIds.Where(f => !s.FootprintIds.Contains(f, StringComparer.OrdinalIgnoreCase)));
            s.AnsweredAt = clock.GetCurrentInstant();
            await state.WriteStateAsync();
            await audit.RecordAsync(new AuditRecord(s.AnsweredAt.Value, "pact-partner:" + partnerId, "pact.request-fulfilled", "pact-outbound:" + Id, $"event {eventId}: {string.Join(", ", footprintIds)}"));
        }

        // Idempotent: each footprint is fetched once, however often the answer arrives.
        foreach (var footprint in footprintIds)
        {
            await GrainFactory.GetGrain<IPactReceivedFootprintGrain>(PactIds.ReceivedKey(partnerId, footprint)).Expect(partnerId, footprint, s.Request!.LotId, Id);
        }

        return Outcome<PactOutboundRequestView>.Ok(View());
    }

    public async Task<Outcome<PactOutboundRequestView>> Rejected(string partnerId, string eventId, string code, string message)
    {
        if (Check(partnerId) is { } problem)
        {
            return problem;
        }

        var s = state.State;
        if (!s.AnswerEventIds.Contains(eventId))
        {
            s.AnswerEventIds.Add(eventId);
            if (s.Status != PactOutboundStatus.Fulfilled)
            {
                s.Status = PactOutboundStatus.Rejected;
            }

            s.RejectionCode = code;
            s.RejectionMessage = message.Length > 500 ? message[..500] : message;
            s.AnsweredAt = clock.GetCurrentInstant();
            await state.WriteStateAsync();
            await audit.RecordAsync(new AuditRecord(s.AnsweredAt.Value, "pact-partner:" + partnerId, "pact.request-rejected", "pact-outbound:" + Id, $"event {eventId}: {code}: {message}"));
        }

        return Outcome<PactOutboundRequestView>.Ok(View());
    }

    public async Task<Outcome<PactReceivedFootprintView>> AnswerBySupplier(string footprintJson, string actor)
    {
        var s = state.State;
        if (s.Request is null)
        {
            return FactRules.NotRecorded("footprint request", Id);
        }

        string footprintId;
        try
        {
            using var doc = JsonDocument.Parse(footprintJson);
            footprintId = doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && Guid.TryParseExact(id.GetString(), "D", out _)
                ? id.GetString()!
                : throw new JsonException("no UUID id");
        }
        catch (JsonException)
        {
            return DomainProblem.Invalid("productFootprint", "A PACT v3 ProductFootprint (JSON) with its UUID id is needed.");
        }

        var source = s.Request.PartnerId ?? "supplier:" + s.Request.SupplierId;
        var offered = await GrainFactory.GetGrain<IPactReceivedFootprintGrain>(PactIds.ReceivedKey(source, footprintId)).Offer(source, footprintId, s.Request.LotId, Id, footprintJson);
        if (!s.FootprintIds.Contains(footprintId))
        {
            s.FootprintIds.Add(footprintId);
            s.Status = PactOutboundStatus.Fulfilled;
            s.AnsweredAt = clock.GetCurrentInstant();
            await state.WriteStateAsync();
            await audit.RecordAsync(new AuditRecord(s.AnsweredAt.Value, actor, "pact.request-answered-by-supplier", "pact-outbound:" + Id, footprintId));
        }

        return Outcome<PactReceivedFootprintView>.Ok(offered);
    }

    public Task<PactOutboundRequestView?> Get() => Task.FromResult(state.State.Request is null ? null : View());

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

    private DomainProblem? Check(string partnerId)
        => state.State.Request is null ? FactRules.NotRecorded("footprint request", Id)
            : !string.Equals(state.State.Request.PartnerId, partnerId, StringComparison.Ordinal)
                ? new DomainProblem(ProblemKind.Forbidden, "Not this partner's request.", $"Request {Id} was not sent to this partner.")
                : null;

    private PactOutboundRequestView View()
    {
        var s = state.State;
        return new PactOutboundRequestView(s.Request!, s.Status, [.. s.FootprintIds], s.RejectionCode, s.RejectionMessage, s.AnsweredAt, [.. s.Work]);
    }
}
