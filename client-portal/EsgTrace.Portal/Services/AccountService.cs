using EsgTrace.Accounts;
using EsgTrace.ApiKeys;
using EsgTrace.Audit;
using EsgTrace.Domain;
using NodaTime;

namespace EsgTrace.Portal.Services;

/// <summary>The portal's and API's door to accounts, API keys and the audit trail; pages never call grains directly.</summary>
public sealed class AccountService(IGrainFactory grains)
{
    public Task<Outcome<UserProfile>> SignInAsync(string username, string password)
        => Usernames.Check(username) is null
            ? grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(username)).SignIn(password)
            : Task.FromResult(Outcome<UserProfile>.Fail(new DomainProblem(ProblemKind.Unauthorized, "Sign-in failed.", "The username or password is incorrect, or the account is disabled.")));

    public Task<Outcome<UserProfile>> CreateUserAsync(string username, string displayName, Role role, string password, string actor)
        => Usernames.Check(username) is { } error
            ? Task.FromResult(Outcome<UserProfile>.Fail(DomainProblem.Invalid("username", error)))
            : grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(username)).Create(new CreateUser(displayName, role, password, actor));

    public Task<UserProfile?> GetUserAsync(string username)
        => Usernames.Check(username) is null ? grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(username)).Get() : Task.FromResult<UserProfile?>(null);

    public Task<Outcome<UserProfile>> SetDisabledAsync(string username, bool disabled, string actor)
        => Usernames.Check(username) is null
            ? grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(username)).SetDisabled(disabled, actor)
            : Task.FromResult(Outcome<UserProfile>.Fail(new DomainProblem(ProblemKind.NotFound, "No such account.", $"There is no account named '{username}'.")));

    public Task<Page<UserProfile>> ListUsersAsync(string? afterKey, int pageSize) => Directory.ListUsers(afterKey, pageSize);

    public Task<Outcome<IssuedApiKey>> IssueApiKeyAsync(string name, Role role, string actor)
    {
        var token = ApiKeyToken.New();
        return grains.GetGrain<IApiKeyGrain>(token.KeyId).Issue(new IssueApiKey(name, role, actor), token.ToString());
    }

    public Task<Outcome<ApiKeySummary>> RevokeApiKeyAsync(string keyId, string actor)
        => IsKeyId(keyId)
            ? grains.GetGrain<IApiKeyGrain>(keyId).Revoke(actor)
            : Task.FromResult(Outcome<ApiKeySummary>.Fail(new DomainProblem(ProblemKind.NotFound, "No such API key.", $"There is no API key '{keyId}'.")));

    public Task<Page<ApiKeySummary>> ListApiKeysAsync(string? afterKey, int pageSize) => Directory.ListApiKeys(afterKey, pageSize);

    public Task<AuditPage> ReadAuditAsync(LocalDate day, string? afterKey, int pageSize) => Directory.ReadAudit(day, afterKey, pageSize);

    private IDirectoryGrain Directory => grains.GetGrain<IDirectoryGrain>(0);

    private static bool IsKeyId(string keyId) => keyId.Length == 16 && keyId.All(char.IsAsciiHexDigitLower);
}
