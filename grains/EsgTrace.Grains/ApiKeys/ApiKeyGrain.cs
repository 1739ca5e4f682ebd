using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.ApiKeys;

/// <summary>An API key scoped to one role; revocable, audited, listed through the API-key index.</summary>
public sealed class ApiKeyGrain(
    [PersistentState("apikey")] IPersistentState<ApiKeyState> key,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IApiKeyGrain
{
    public async Task<Outcome<IssuedApiKey>> Issue(IssueApiKey command, string token)
    {
        if (!ApiKeyToken.TryParse(token, out var parsed) || parsed.KeyId != this.GetPrimaryKeyString())
        {
            return DomainProblem.Invalid("token", "The token does not belong to this key id.");
        }

        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 100)
        {
            return DomainProblem.Invalid("name", "A name of 1 to 100 characters is required, saying which system uses the key.");
        }

        if (!Enum.IsDefined(command.Role))
        {
            return DomainProblem.Invalid("role", $"The role must be one of {Roles.Describe()}.");
        }

        if (Roles.CheckSupplierBinding(command.Role, command.SupplierId) is { } bindingError)
        {
            return DomainProblem.Invalid("supplierId", bindingError);
        }

        if (key.RecordExists)
        {
            return new DomainProblem(ProblemKind.Conflict, "The key exists.", $"API key '{parsed.KeyId}' was already issued.");
        }

        key.State = new ApiKeyState
        {
            Name = command.Name.Trim(),
            Role = command.Role,
            SupplierId = command.Role == Role.Supplier ? command.SupplierId : null,
            SecretSha256 = ApiKeyToken.HashSecret(parsed.Secret),
            CreatedAt = clock.GetCurrentInstant(),
            CreatedBy = command.Actor,
        };
        await key.WriteStateAsync();
        await AfterChangeAsync("apikey.issued", command.Actor, command.SupplierId is null ? $"role {command.Role.Name()}" : $"role {command.Role.Name()} of supplier {command.SupplierId}");
        return Outcome<IssuedApiKey>.Ok(new IssuedApiKey(Summary(), token));
    }

    public Task<ApiKeySummary?> Authenticate(string secret)
    {
        var ok = key.RecordExists && key.State.RevokedAt is null && ApiKeyToken.SecretMatches(secret, key.State.SecretSha256);
        return Task.FromResult(ok ? Summary() : null);
    }

    public async Task<Outcome<ApiKeySummary>> Revoke(string actor)
    {
        if (!key.RecordExists)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such API key.", $"There is no API key '{this.GetPrimaryKeyString()}'.");
        }

        if (key.State.RevokedAt is null)
        {
            key.State.RevokedAt = clock.GetCurrentInstant();
            key.State.RevokedBy = actor;
            await key.WriteStateAsync();
            await AfterChangeAsync("apikey.revoked", actor, null);
        }

        return Outcome<ApiKeySummary>.Ok(Summary());
    }

    public Task<ApiKeySummary?> Get() => Task.FromResult(key.RecordExists ? Summary() : null);

    private ApiKeySummary Summary()
        => new(this.GetPrimaryKeyString(), key.State.Name, key.State.Role, key.State.CreatedAt, key.State.CreatedBy, key.State.RevokedAt, key.State.RevokedBy, key.State.SupplierId);

    private async Task AfterChangeAsync(string action, string actor, string? detail)
    {
        await Storage.JsonIndex.PutAsync(index, ApiKeyIndexes.ApiKeys, ApiKeyIndexes.AllPartition, this.GetPrimaryKeyString(), Summary());
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, action, "apikey:" + this.GetPrimaryKeyString(), detail));
    }
}
