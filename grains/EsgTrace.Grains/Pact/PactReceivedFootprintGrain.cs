using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Audit;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Pact;

public sealed class PactReceivedFootprintState
{
    public string? PartnerId { get; set; }

    public string? FootprintId { get; set; }

    public string? LotId { get; set; }

    public string? RequestEventId { get; set; }

    public PactOfferStatus Status { get; set; }

    public string? Document { get; set; }

    public string? Sha256 { get; set; }

    public List<string> Problems { get; set; } = [];

    public string? Supersedes { get; set; }

    public string? DecidedBy { get; set; }

    public string? Reason { get; set; }

    public Instant UpdatedAt { get; set; }

    public List<PactWorkItem> Work { get; set; } = [];
}

/// <summary>
/// A partner's footprint: fetched from its host (an outbox item of kind Fetch, written with the state that expects it),
/// checked against the v3 rules, hashed (SHA-256 of the document as received) and offered for review. A footprint whose
/// precedingPfIds name one accepted for a lot is offered for that lot again (a newer version).
/// </summary>
public sealed class PactReceivedFootprintGrain(
    [PersistentState("pact-received-footprint")] IPersistentState<PactReceivedFootprintState> state,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IPactReceivedFootprintGrain
{
    public const string Index = "pactreceived";

    private string Key => this.GetPrimaryKeyString();

    private PactWorkHolder Holder => new(PactWorkHolders.Received, Key);

    public async Task<PactReceivedFootprintView> Expect(string partnerId, string footprintId, string? lotId, string? requestEventId)
    {
        var s = state.State;
        if (s.FootprintId is not null)
        {
            // Known already: a lot named now fills one not known before (a Published event ahead of the Fulfilled).
            if (s.LotId is null && lotId is not null && s.Status is PactOfferStatus.Fetching or PactOfferStatus.Offered)
            {
                s.LotId = lotId;
                s.RequestEventId ??= requestEventId;
                await state.WriteStateAsync();
            }

            return View();
        }

        var now = clock.GetCurrentInstant();
        var item = PactWorkList.New(PactWorkKind.Fetch, "fetch-" + footprintId, partnerId, "footprint", footprintId, now);
        await index.PutAsync(Index, PactWorkList.All, PactWorkList.NewestFirst(now, Key), JsonSerializer.SerializeToUtf8Bytes(Key));
        await PactWorkList.AnnounceAsync(index, Holder, [item]);
        s.PartnerId = partnerId;
        s.FootprintId = footprintId;
        s.LotId = lotId;
        s.RequestEventId = requestEventId;
        s.Status = PactOfferStatus.Fetching;
        s.UpdatedAt = now;
        s.Work.Add(item);
        await state.WriteStateAsync();
        return View();
    }

    public async Task<PactReceivedFootprintView> Offer(string partnerId, string footprintId, string? lotId, string? requestEventId, string document)
    {
        var s = state.State;
        if (s.FootprintId is not null)
        {
            return View();
        }

        var now = clock.GetCurrentInstant();
        await index.PutAsync(Index, PactWorkList.All, PactWorkList.NewestFirst(now, Key), JsonSerializer.SerializeToUtf8Bytes(Key));
        s.PartnerId = partnerId;
        s.FootprintId = footprintId;
        s.LotId = lotId;
        s.RequestEventId = requestEventId;
        await TakeAsync(document, now);
        return View();
    }

    public Task<PactReceivedFootprintView?> Get() => Task.FromResult(state.State.FootprintId is null ? null : View());

    public async Task<Outcome<PactReceivedFootprintView>> Accept(string lotId, string actor)
    {
        var s = state.State;
        if (s.FootprintId is null)
        {
            return FactRules.NotRecorded("received footprint", Key);
        }

        if (s.Status == PactOfferStatus.Accepted && s.LotId == lotId)
        {
            return Outcome<PactReceivedFootprintView>.Ok(View());
        }

        if (s.Status != PactOfferStatus.Offered)
        {
            return new DomainProblem(ProblemKind.Conflict, "Not open for review.", $"Footprint {s.FootprintId} is {s.Status.ToString().ToLowerInvariant()}; only an offered footprint can be accepted.");
        }

        s.Status = PactOfferStatus.Accepted;
        s.LotId = lotId;
        s.DecidedBy = actor;
        s.UpdatedAt = clock.GetCurrentInstant();
        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(s.UpdatedAt, actor, "pact.footprint-accepted", "pact-footprint:" + s.FootprintId, $"from partner {s.PartnerId} for lot {lotId}; document SHA-256 {s.Sha256}"));
        return Outcome<PactReceivedFootprintView>.Ok(View());
    }

    public async Task<Outcome<PactReceivedFootprintView>> Decline(string reason, string actor)
    {
        var s = state.State;
        if (s.FootprintId is null)
        {
            return FactRules.NotRecorded("received footprint", Key);
        }

        if (s.Status is not (PactOfferStatus.Offered or PactOfferStatus.Invalid))
        {
            return new DomainProblem(ProblemKind.Conflict, "Not open for review.", $"Footprint {s.FootprintId} is {s.Status.ToString().ToLowerInvariant()}.");
        }

        s.Status = PactOfferStatus.Declined;
        s.DecidedBy = actor;
        s.Reason = reason;
        s.UpdatedAt = clock.GetCurrentInstant();
        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(s.UpdatedAt, actor, "pact.footprint-declined", "pact-footprint:" + s.FootprintId, reason));
        return Outcome<PactReceivedFootprintView>.Ok(View());
    }

    public Task<IReadOnlyList<PactWorkItem>> Work() => Task.FromResult<IReadOnlyList<PactWorkItem>>([.. state.State.Work]);

    public Task<IReadOnlyList<PactWorkItem>> DueWork(Instant now) => Task.FromResult(PactWorkList.Due(state.State.Work, now));

    public async Task WorkDone(string itemId, string outcome, string? result, Instant at)
    {
        var s = state.State;
        if (PactWorkList.Complete(s.Work, itemId, outcome, at))
        {
            if (result is not null && s.Status == PactOfferStatus.Fetching)
            {
                await TakeAsync(result, at);
            }
            else
            {
                await state.WriteStateAsync();
            }
        }

        await PactWorkList.SettleAsync(index, Holder, s.Work);
    }

    public async Task WorkFailed(string itemId, string outcome, Instant? nextAttemptAt, Instant at)
    {
        if (PactWorkList.Fail(state.State.Work, itemId, outcome, nextAttemptAt, at))
        {
            await state.WriteStateAsync();
        }

        await PactWorkList.SettleAsync(index, Holder, state.State.Work);
    }

    /// <summary>The document as received: its hash, its checks, the lot it is for, and the offer (one state write).</summary>
    private async Task TakeAsync(string document, Instant at)
    {
        var s = state.State;
        s.Document = document;
        s.Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
        List<string> problems;
        try
        {
            using var doc = JsonDocument.Parse(document);
            problems = [.. PactV3Rules.Check(doc.RootElement)];
            if (doc.RootElement.TryGetProperty("id", out var id) && !string.Equals(id.GetString(), s.FootprintId, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"id: the document is {id.GetString()}, not the footprint {s.FootprintId} that was named.");
            }

            if (s.LotId is null && doc.RootElement.TryGetProperty("precedingPfIds", out var preceding) && preceding.ValueKind == JsonValueKind.Array)
            {
                foreach (var previous in preceding.EnumerateArray().Select(p => p.GetString()).OfType<string>())
                {
                    var earlier = await GrainFactory.GetGrain<IPactReceivedFootprintGrain>(PactIds.ReceivedKey(s.PartnerId!, previous)).Get();
                    if (earlier is { Status: PactOfferStatus.Accepted, LotId: { } lot })
                    {
                        s.LotId = lot;
                        s.Supersedes = previous;
                        break;
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            problems = ["The document is not JSON: " + ex.Message];
        }

        s.Problems = problems;
        s.Status = problems.Count == 0 ? PactOfferStatus.Offered : PactOfferStatus.Invalid;
        s.UpdatedAt = at;
        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(at, "system:pact", "pact.footprint-received", "pact-footprint:" + s.FootprintId,
            $"from partner {s.PartnerId}, SHA-256 {s.Sha256}, {(problems.Count == 0 ? "offered for review" + (s.LotId is null ? string.Empty : " for lot " + s.LotId) : "invalid: " + string.Join(" ", problems))}"));
    }

    private PactReceivedFootprintView View()
    {
        var s = state.State;
        return new PactReceivedFootprintView(s.PartnerId!, s.FootprintId!, s.LotId, s.RequestEventId, s.Status, s.Document, s.Sha256, [.. s.Problems], s.Supersedes, s.DecidedBy, s.Reason, s.UpdatedAt, [.. s.Work]);
    }
}
