using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Accounts;

/// <summary>A local account: its password hash, role and status. Every change is audited and indexed for listing.</summary>
public sealed class UserAccountGrain(
    [PersistentState("account")] IPersistentState<UserAccountState> account,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IUserAccountGrain
{
    private static readonly DomainProblem InvalidCredentials = new(ProblemKind.Unauthorized, "Sign-in failed.", "The username or password is incorrect, or the account is disabled.");

    public async Task<Outcome<UserProfile>> Create(CreateUser command)
    {
        var username = this.GetPrimaryKeyString();
        var errors = new Dictionary<string, string[]>();
        if (Usernames.Check(username) is { } usernameError)
        {
            errors["username"] = [usernameError];
        }

        if (PasswordPolicy.Check(command.Password) is { } passwordError)
        {
            errors["password"] = [passwordError];
        }

        if (string.IsNullOrWhiteSpace(command.DisplayName) || command.DisplayName.Length > 100)
        {
            errors["displayName"] = ["A display name of 1 to 100 characters is required."];
        }

        if (!Enum.IsDefined(command.Role))
        {
            errors["role"] = [$"The role must be one of {Roles.Describe()}."];
        }

        if (errors.Count > 0)
        {
            return DomainProblem.Invalid(errors);
        }

        if (account.RecordExists)
        {
            return new DomainProblem(ProblemKind.Conflict, "The account exists.", $"An account named '{username}' already exists.");
        }

        account.State = new UserAccountState
        {
            Username = username,
            DisplayName = command.DisplayName.Trim(),
            Role = command.Role,
            PasswordHash = PasswordHasher.Hash(command.Password),
            CreatedAt = clock.GetCurrentInstant(),
            CreatedBy = command.Actor,
        };
        await account.WriteStateAsync();
        await AfterChangeAsync("account.created", command.Actor, $"role {command.Role.Name()}");
        return Outcome<UserProfile>.Ok(account.State.ToProfile());
    }

    public Task<Outcome<UserProfile>> SignIn(string password)
    {
        var ok = account.RecordExists && !account.State.Disabled && PasswordHasher.Verify(password ?? string.Empty, account.State.PasswordHash);
        return Task.FromResult(ok ? Outcome<UserProfile>.Ok(account.State.ToProfile()) : Outcome<UserProfile>.Fail(InvalidCredentials));
    }

    public Task<UserProfile?> Get() => Task.FromResult(account.RecordExists ? account.State.ToProfile() : null);

    public async Task<Outcome<UserProfile>> SetDisabled(bool disabled, string actor)
    {
        if (!account.RecordExists)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such account.", $"There is no account named '{this.GetPrimaryKeyString()}'.");
        }

        if (account.State.Disabled != disabled)
        {
            account.State.Disabled = disabled;
            await account.WriteStateAsync();
            await AfterChangeAsync(disabled ? "account.disabled" : "account.enabled", actor, null);
        }

        return Outcome<UserProfile>.Ok(account.State.ToProfile());
    }

    private async Task AfterChangeAsync(string action, string actor, string? detail)
    {
        await AccountIndexes.PutAsync(index, AccountIndexes.Users, account.State.Username, account.State.ToProfile());
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, action, "user:" + account.State.Username, detail));
    }
}
