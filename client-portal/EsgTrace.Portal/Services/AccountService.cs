using EsgTrace.Accounts;
using EsgTrace.ApiKeys;
using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.Portal.Auth;
using NodaTime;

namespace EsgTrace.Portal.Services;

/// <summary>The portal's and API's door to accounts, API keys and the audit trail; pages never call grains directly.</summary>
public sealed class AccountService(IGrainFactory grains, IClock clock)
{
    /// <summary>
    /// Checks a password. A name no account could have gets the same answer after the same work (one password hash) as a
    /// wrong password, so neither the answer nor its time tells which names exist.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string username, string password, string? from)
    {
        if (Usernames.Check(username) is null)
        {
            return await grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(username)).SignIn(password, from);
        }

        PasswordHasher.VerifyNothing(password ?? string.Empty);
        await RecordAsync("anonymous", "signin.failed", "user:(malformed name)", from is null ? "malformed username" : $"malformed username; from {from}");
        return SignInOutcome.Refused;
    }

    /// <summary>The sentence a refused sign-in shows: the same for every kind of refusal except a lock, which says until when.</summary>
    public static string Explain(SignInOutcome outcome) => outcome.Status switch
    {
        SignInStatus.LockedOut => $"Too many failed sign-ins for this name. Try again after {Display.Instant(NextMinute(outcome.LockedUntil!.Value))}.",
        _ => "The username or password is incorrect, or the account is disabled.",
    };

    // The page shows minutes: round the end of the lock up, so "after 17:08" is never still locked.
    private static Instant NextMinute(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks((ticks + NodaConstants.TicksPerMinute - 1) / NodaConstants.TicksPerMinute * NodaConstants.TicksPerMinute);
    }

    public Task<Outcome<SignedInAccount>> ChangePasswordAsync(string username, string currentPassword, string newPassword)
        => Account(username, g => g.ChangePassword(currentPassword, newPassword));

    public Task<Outcome<UserProfile>> ResetPasswordAsync(string username, string newPassword, string actor)
        => Account(username, g => g.ResetPassword(newPassword, actor));

    public Task<Outcome<UserProfile>> ChangeRoleAsync(string username, Role role, string actor)
        => Account(username, g => g.ChangeRole(role, actor));

    public Task<Outcome<UserProfile>> EndSessionsAsync(string username, string actor)
        => Account(username, g => g.EndSessions(actor));

    public Task<Outcome<UserProfile>> RecoverAdminAsync(string username, string newPassword, string actor)
        => Usernames.Check(username) is { } error
            ? Task.FromResult<Outcome<UserProfile>>(DomainProblem.Invalid("username", error))
            : grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(username)).Recover(newPassword, actor);

    /// <summary>Closes one session of a local account (its cookie stops working even if kept); other sign-outs are only audited.</summary>
    public Task SignOutAsync(System.Security.Claims.ClaimsPrincipal user)
        => user.IsLocalAccount() && Usernames.Check(user.Actor()) is null
            ? grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(user.Actor())).EndSession(user.FindFirst(Auth.PrincipalFactory.SessionIdClaim)?.Value ?? string.Empty)
            : RecordAsync(user.Actor(), "signout", user.Actor(), null);

    private Task RecordAsync(string actor, string action, string subject, string? detail)
        => Directory.RecordAudit(new EsgTrace.Audit.AuditRecord(clock.GetCurrentInstant(), actor, action, subject, detail));

    private Task<Outcome<T>> Account<T>(string username, Func<IUserAccountGrain, Task<Outcome<T>>> call)
        => Usernames.Check(username) is null
            ? call(grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(username)))
            : Task.FromResult<Outcome<T>>(NoSuchAccount(username));

    private static DomainProblem NoSuchAccount(string username) => new(ProblemKind.NotFound, "No such account.", $"There is no account named '{username}'.");

    public Task<Outcome<UserProfile>> CreateUserAsync(string username, string displayName, Role role, string password, string actor, string? supplierId = null)
        => Usernames.Check(username) is { } error
            ? Task.FromResult(Outcome<UserProfile>.Fail(DomainProblem.Invalid("username", error)))
            : grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(username)).Create(new CreateUser(displayName, role, password, actor, supplierId));

    public Task<UserProfile?> GetUserAsync(string username)
        => Usernames.Check(username) is null ? grains.GetGrain<IUserAccountGrain>(Usernames.Normalize(username)).Get() : Task.FromResult<UserProfile?>(null);

    public Task<Outcome<UserProfile>> SetDisabledAsync(string username, bool disabled, string actor)
        => Account(username, g => g.SetDisabled(disabled, actor));

    public Task<Page<UserProfile>> ListUsersAsync(string? afterKey, int pageSize) => Directory.ListUsers(afterKey, pageSize);

    public Task<Outcome<IssuedApiKey>> IssueApiKeyAsync(string name, Role role, string actor, string? supplierId = null)
    {
        var token = ApiKeyToken.New();
        return grains.GetGrain<IApiKeyGrain>(token.KeyId).Issue(new IssueApiKey(name, role, actor, supplierId), token.ToString());
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
