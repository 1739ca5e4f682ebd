using System.Text;
using System.Text.Json;
using EsgTrace.Audit;
using EsgTrace.Storage;

namespace EsgTrace.Pact;

public sealed class PactPartnerState
{
    public PactPartner? Partner { get; set; }
}

/// <summary>One registered PACT partner. Its API key is indexed (one partner per key) before its state is written.</summary>
public sealed class PactPartnerGrain(
    [PersistentState("pact-partner")] IPersistentState<PactPartnerState> state,
    IIndexStore index,
    IAuditTrail audit) : Grain, IPactPartnerGrain
{
    public const string PartnersIndex = "pactpartners";
    public const string KeysIndex = "pactpartnerkeys";

    public async Task<Outcome<PactPartner>> Put(PactPartner partner)
    {
        var id = this.GetPrimaryKeyString();
        partner = partner with { Id = id };
        if (partner.ApiKeyId is { } key && await index.GetAsync(KeysIndex, PactWorkList.All, key) is { } owner && Encoding.UTF8.GetString(owner.Span) != id)
        {
            return new DomainProblem(ProblemKind.Conflict, "The API key is taken.", $"API key {key} already identifies partner '{Encoding.UTF8.GetString(owner.Span)}'; a key identifies one partner.");
        }

        var previous = state.State.Partner;
        if (partner.ApiKeyId is { } newKey)
        {
            await index.PutAsync(KeysIndex, PactWorkList.All, newKey, Encoding.UTF8.GetBytes(id));
        }

        state.State.Partner = partner;
        await state.WriteStateAsync();
        if (previous?.ApiKeyId is { } oldKey && oldKey != partner.ApiKeyId)
        {
            await index.RemoveAsync(KeysIndex, PactWorkList.All, oldKey);
        }

        await index.PutAsync(PartnersIndex, PactWorkList.All, id, JsonSerializer.SerializeToUtf8Bytes(id));
        await audit.RecordAsync(new AuditRecord(partner.UpdatedAt, partner.UpdatedBy, previous is null ? "pact.partner-registered" : "pact.partner-updated", "pact-partner:" + id,
            $"{partner.Name}: host {partner.BaseUrl}, token endpoint {partner.TokenEndpoint}, client id {partner.ClientId}, calls us with API key {partner.ApiKeyId ?? "(none)"}"));
        return Outcome<PactPartner>.Ok(partner);
    }

    public Task<PactPartner?> Get() => Task.FromResult(state.State.Partner);
}
