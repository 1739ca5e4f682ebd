using System.Text.Json.Nodes;
using EsgTrace.Audit;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Pact;

public sealed class PactFootprintState
{
    public List<PactIssued> Issued { get; set; } = [];

    /// <summary>Partners sent a footprint of this product: each newer one is announced to them.</summary>
    public List<string> Subscribers { get; set; } = [];

    public List<PactWorkItem> Work { get; set; } = [];
}

/// <summary>One issued ProductFootprint: its id, the lineage root it states, when, its document version and status, and its bodies.</summary>
public sealed class PactIssued
{
    public string Id { get; set; } = string.Empty;

    public string LineageRoot { get; set; } = string.Empty;

    public Instant Created { get; set; }

    public Instant? Updated { get; set; }

    public int Version { get; set; }

    public string Status { get; set; } = "Active";

    public string? Preceding { get; set; }

    public string Body { get; set; } = string.Empty;

    /// <summary>The v3.0 body; null for footprints issued before v3 was published (filled in when the same lineage root is issued again).</summary>
    public string? BodyV3 { get; set; }
}

public sealed class PactFootprintGrain(
    [PersistentState("pact-footprints")] IPersistentState<PactFootprintState> state,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IPactFootprintGrain
{
    public const string Index = SupplyChain.SupplyChainLists.PactFootprints;

    /// <summary>Work items kept once done (the newest); older ones leave the state, their log rows stay.</summary>
    private const int DoneItemsKept = 50;

    private PactWorkHolder Holder => new(PactWorkHolders.Footprints, this.GetPrimaryKeyString());

    public async Task<string> Issue(string lineageRoot, string body, string bodyV3, string eventSource)
    {
        var issued = state.State.Issued;
        if (issued.Count > 0 && issued[^1].LineageRoot == lineageRoot)
        {
            if (issued[^1].BodyV3 is null)
            {
                issued[^1].BodyV3 = bodyV3;
                await state.WriteStateAsync();
            }

            return Document(issued[^1]);
        }

        var now = clock.GetCurrentInstant();
        var previous = issued.Count > 0 ? issued[^1] : null;
        if (previous is not null)
        {
            previous.Status = "Deprecated";
            previous.Version++;
            previous.Updated = now;
        }

        var fresh = new PactIssued { Id = Guid.NewGuid().ToString("D"), LineageRoot = lineageRoot, Created = now, Version = 1, Body = body, BodyV3 = bodyV3, Preceding = previous?.Id };
        // The newer footprint is announced to every subscriber: owed from the same state write that issues it.
        var announcements = previous is null ? [] : state.State.Subscribers.Select(partner => PactWorkList.New(PactWorkKind.Deliver, Guid.NewGuid().ToString("D"), partner, PactV3.Published,
            PactEventJson.Published(Guid.NewGuid().ToString("D"), eventSource, now, [fresh.Id]), now)).ToList();
        if (announcements.Count > 0)
        {
            await PactWorkList.AnnounceAsync(index, Holder, announcements);
        }

        issued.Add(fresh);
        state.State.Work.AddRange(announcements);
        await index.PutAsync(Index, SupplyChain.SupplyChainLists.All, fresh.Id, System.Text.Encoding.UTF8.GetBytes(this.GetPrimaryKeyString()));
        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(now, "system:pact", "pact.footprint-issued", "product:" + this.GetPrimaryKeyString(),
            $"{fresh.Id} for lineage {lineageRoot}" + (announcements.Count > 0 ? $"; announced to {string.Join(", ", announcements.Select(a => a.PartnerId))}" : string.Empty)));
        return Document(fresh);
    }

    public Task<string?> Get(string footprintId)
        => Task.FromResult(state.State.Issued.FirstOrDefault(i => i.Id == footprintId) is { } found ? Document(found) : null);

    public Task<string?> GetV3(string footprintId)
        => Task.FromResult(state.State.Issued.FirstOrDefault(i => i.Id == footprintId) is { BodyV3: not null } found ? DocumentV3(found) : null);

    public Task<IReadOnlyList<string>> AllV3()
        => Task.FromResult<IReadOnlyList<string>>([.. state.State.Issued.Where(i => i.BodyV3 is not null).Select(DocumentV3)]);

    public async Task Subscribe(string partnerId)
    {
        if (!state.State.Subscribers.Contains(partnerId))
        {
            state.State.Subscribers.Add(partnerId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<PactWorkItem>> Work() => Task.FromResult<IReadOnlyList<PactWorkItem>>([.. state.State.Work]);

    public Task<IReadOnlyList<PactWorkItem>> DueWork(Instant now) => Task.FromResult(PactWorkList.Due(state.State.Work, now));

    public async Task WorkDone(string itemId, string outcome, string? result, Instant at)
    {
        if (PactWorkList.Complete(state.State.Work, itemId, outcome, at))
        {
            Trim();
            await state.WriteStateAsync();
        }

        await PactWorkList.SettleAsync(index, Holder, state.State.Work);
    }

    public async Task WorkFailed(string itemId, string outcome, Instant? nextAttemptAt, Instant at)
    {
        if (PactWorkList.Fail(state.State.Work, itemId, outcome, nextAttemptAt, at))
        {
            Trim();
            await state.WriteStateAsync();
        }

        await PactWorkList.SettleAsync(index, Holder, state.State.Work);
    }

    /// <summary>A product is re-issued as often as its data change, so finished announcements do not stay for ever.</summary>
    private void Trim()
    {
        var finished = state.State.Work.Where(w => w.Status != PactWorkStatus.Pending).OrderByDescending(w => w.DoneAt).Skip(DoneItemsKept).Select(w => w.Id).ToHashSet();
        state.State.Work.RemoveAll(w => finished.Contains(w.Id));
    }

    private static string Document(PactIssued i)
    {
        var body = JsonNode.Parse(i.Body)!.AsObject();
        var doc = new JsonObject
        {
            ["id"] = i.Id,
            ["specVersion"] = PactFootprintBuilder.SpecVersion,
            ["version"] = i.Version,
            ["created"] = PactFootprintBuilder.Utc(i.Created),
            ["status"] = i.Status,
        };
        if (i.Updated is { } updated)
        {
            doc["updated"] = PactFootprintBuilder.Utc(updated);
            doc["statusComment"] = "Superseded: the data behind this footprint changed; see the footprint whose precedingPfIds names this one.";
        }

        if (i.Preceding is not null)
        {
            doc["precedingPfIds"] = new JsonArray(i.Preceding);
        }

        return Merge(doc, body);
    }

    /// <summary>v3: version, updated and statusComment are obsolete; only the status changes after creation.</summary>
    private static string DocumentV3(PactIssued i)
    {
        var doc = new JsonObject
        {
            ["id"] = i.Id,
            ["specVersion"] = PactV3.SpecVersion,
        };
        if (i.Preceding is not null)
        {
            doc["precedingPfIds"] = new JsonArray(i.Preceding);
        }

        doc["created"] = PactFootprintBuilder.Utc(i.Created);
        doc["status"] = i.Status;
        return Merge(doc, JsonNode.Parse(i.BodyV3!)!.AsObject());
    }

    private static string Merge(JsonObject doc, JsonObject body)
    {
        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            doc[name] = value;
        }

        return doc.ToJsonString();
    }
}
