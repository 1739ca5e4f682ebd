using System.Text.Json.Nodes;
using EsgTrace.Audit;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Pact;

public sealed class PactFootprintState
{
    public List<PactIssued> Issued { get; set; } = [];
}

/// <summary>One issued ProductFootprint: its id, the lineage root it states, when, its document version and status, and its body.</summary>
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
}

public sealed class PactFootprintGrain(
    [PersistentState("pact-footprints")] IPersistentState<PactFootprintState> state,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IPactFootprintGrain
{
    public const string Index = SupplyChain.SupplyChainLists.PactFootprints;

    public async Task<string> Issue(string lineageRoot, string body)
    {
        var issued = state.State.Issued;
        if (issued.Count > 0 && issued[^1].LineageRoot == lineageRoot)
        {
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

        var fresh = new PactIssued { Id = Guid.NewGuid().ToString("D"), LineageRoot = lineageRoot, Created = now, Version = 1, Body = body, Preceding = previous?.Id };
        issued.Add(fresh);
        await index.PutAsync(Index, SupplyChain.SupplyChainLists.All, fresh.Id, System.Text.Encoding.UTF8.GetBytes(this.GetPrimaryKeyString()));
        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(now, "system:pact", "pact.footprint-issued", "product:" + this.GetPrimaryKeyString(), $"{fresh.Id} for lineage {lineageRoot}"));
        return Document(fresh);
    }

    public Task<string?> Get(string footprintId)
        => Task.FromResult(state.State.Issued.FirstOrDefault(i => i.Id == footprintId) is { } found ? Document(found) : null);

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

        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            doc[name] = value;
        }

        return doc.ToJsonString();
    }
}
