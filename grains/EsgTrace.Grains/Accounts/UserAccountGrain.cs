using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Accounts;

/// <summary>
/// A local account: its password hash, role, status, security stamp and sign-in lockout. Every change and every sign-in
/// attempt is audited; changes are indexed for listing. Admin removals (disable, demote) go through the
/// <see cref="IAdminRosterGrain"/> first, so the last active admin stays.
/// </summary>
public sealed class UserAccountGrain(
    [PersistentState("account")] IPersistentState<UserAccountState> account,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IUserAccountGrain
{
    private static readonly DomainProblem LastAdmin = new(ProblemKind.Conflict, "The last active admin stays.", "This is the only active admin account: make another account an active admin first, or the platform would have no one to run it.");

    // Failures against a name that has no account are counted in memory only (nothing is stored for names nobody
    // holds), so unknown names lock like known ones and the answers cannot tell them apart.
    private SignInLockout _unknownNameLockout = SignInLockout.None;

    /// <summary>Open sessions an account keeps; a further sign-in ends the oldest.</summary>
    public const int MaxSessions = 20;

    private string Username => this.GetPrimaryKeyString();

    public async Task<Outcome<UserProfile>> Create(CreateUser command)
    {
        var errors = new Dictionary<string, string[]>();
        if (Usernames.Check(Username) is { } usernameError)
        {
            errors["username"] = [usernameError];
        }

        if (PasswordPolicy.Check(command.Password, Username) is { } passwordError)
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
        else if (Roles.CheckSupplierBinding(command.Role, command.SupplierId) is { } bindingError)
        {
            errors["supplierId"] = [bindingError];
        }

        if (errors.Count > 0)
        {
            return DomainProblem.Invalid(errors);
        }

        if (account.RecordExists)
        {
            return new DomainProblem(ProblemKind.Conflict, "The account exists.", $"An account named '{Username}' already exists.");
        }

        var now = clock.GetCurrentInstant();
        account.State = new UserAccountState
        {
            Username = Username,
            DisplayName = command.DisplayName.Trim(),
            Role = command.Role,
            SupplierId = command.Role == Role.Supplier ? command.SupplierId : null,
            PasswordHash = PasswordHasher.Hash(command.Password),
            CreatedAt = now,
            CreatedBy = command.Actor,
            SecurityStamp = SecurityStamps.New(),
            PasswordChangedAt = now,
        };
        await account.WriteStateAsync();
        await RosterAfterChangeAsync();
        await AfterChangeAsync("account.created", command.Actor, command.SupplierId is null ? $"role {command.Role.Name()}" : $"role {command.Role.Name()} of supplier {command.SupplierId}");
        return Outcome<UserProfile>.Ok(account.State.ToProfile());
    }

    public async Task<SignInOutcome> SignIn(string password, string? from)
    {
        var now = clock.GetCurrentInstant();
        var where = from is null ? null : "from " + from[..Math.Min(from.Length, 64)];
        var lockout = account.RecordExists ? account.State.GetLockout() : _unknownNameLockout;
        if (lockout.IsLocked(now))
        {
            await RecordAsync("signin.locked-out", where);
            return new SignInOutcome(SignInStatus.LockedOut, null, lockout.LockedUntil);
        }

        var usable = account.RecordExists && !account.State.Disabled;
        var ok = usable ? PasswordHasher.Verify(password ?? string.Empty, account.State.PasswordHash) : PasswordHasher.VerifyNothing(password ?? string.Empty);
        if (!ok)
        {
            var after = lockout.AfterFailure(now);
            await SaveLockoutAsync(after);
            var why = !account.RecordExists ? "no such account" : account.State.Disabled ? "account disabled" : "wrong password";
            if (after.IsLocked(now))
            {
                await RecordAsync("signin.lockout", Join(where, $"{why}; locked until {after.LockedUntil} after {SignInLockout.AllowedFailures + 1} failures"));
                return new SignInOutcome(SignInStatus.LockedOut, null, after.LockedUntil);
            }

            await RecordAsync("signin.failed", Join(where, why));
            return SignInOutcome.Refused;
        }

        account.State.SetLockout(SignInLockout.None);
        EnsureStamp();
        var session = OpenSession(now);
        await account.WriteStateAsync();
        await RecordAsync("signin.succeeded", where);
        return new SignInOutcome(SignInStatus.SignedIn, session, null);
    }

    public Task<UserProfile?> CheckSession(string securityStamp, string sessionId)
        => Task.FromResult(account.RecordExists && !account.State.Disabled && SecurityStamps.Same(securityStamp, account.State.SecurityStamp)
                           && account.State.Sessions.ContainsKey(sessionId ?? string.Empty)
            ? account.State.ToProfile()
            : null);

    public async Task EndSession(string sessionId)
    {
        if (account.RecordExists && account.State.Sessions.Remove(sessionId ?? string.Empty))
        {
            await account.WriteStateAsync();
            await RecordAsync("signout", null);
        }
    }

    public Task<UserProfile?> Get() => Task.FromResult(account.RecordExists ? account.State.ToProfile() : null);

    public async Task<Outcome<UserProfile>> SetDisabled(bool disabled, string actor)
    {
        if (!account.RecordExists)
        {
            return NoSuchAccount();
        }

        if (account.State.Disabled == disabled)
        {
            return Outcome<UserProfile>.Ok(account.State.ToProfile());
        }

        var leavesRoster = disabled && account.State.Role == Role.Admin;
        if (leavesRoster && !await Roster.TryRemove(Username))
        {
            return LastAdmin;
        }

        account.State.Disabled = disabled;
        if (disabled)
        {
            NewStamp();
        }

        await WriteOrRestoreRosterAsync(leavesRoster);
        await AfterChangeAsync(disabled ? "account.disabled" : "account.enabled", actor, disabled ? "sessions ended" : null);
        return Outcome<UserProfile>.Ok(account.State.ToProfile());
    }

    public async Task<Outcome<SignedInAccount>> ChangePassword(string currentPassword, string newPassword)
    {
        var now = clock.GetCurrentInstant();
        if (!account.RecordExists || account.State.Disabled)
        {
            return NoSuchAccount();
        }

        var lockout = account.State.GetLockout();
        if (lockout.IsLocked(now))
        {
            return new DomainProblem(ProblemKind.Unauthorized, "Too many wrong passwords.", $"The account is locked until {lockout.LockedUntil}; try again then.");
        }

        if (!PasswordHasher.Verify(currentPassword ?? string.Empty, account.State.PasswordHash))
        {
            var after = lockout.AfterFailure(now);
            await SaveLockoutAsync(after);
            await RecordAsync(after.IsLocked(now) ? "signin.lockout" : "account.password-change-refused", "wrong current password");
            return DomainProblem.Invalid("currentPassword", "The current password is incorrect.");
        }

        if (PasswordPolicy.Check(newPassword, Username) is { } error)
        {
            return DomainProblem.Invalid("newPassword", error);
        }

        if (PasswordHasher.Verify(newPassword, account.State.PasswordHash))
        {
            return DomainProblem.Invalid("newPassword", "The new password must differ from the current one.");
        }

        SetPassword(newPassword, now);
        var session = OpenSession(now);
        await account.WriteStateAsync();
        await AfterChangeAsync("account.password-changed", Username, "other sessions ended");
        return Outcome<SignedInAccount>.Ok(session);
    }

    public async Task<Outcome<UserProfile>> ResetPassword(string newPassword, string actor)
    {
        if (!account.RecordExists)
        {
            return NoSuchAccount();
        }

        if (PasswordPolicy.Check(newPassword, Username) is { } error)
        {
            return DomainProblem.Invalid("password", error);
        }

        SetPassword(newPassword, clock.GetCurrentInstant());
        await account.WriteStateAsync();
        await AfterChangeAsync("account.password-reset", actor, "lockout cleared, sessions ended");
        return Outcome<UserProfile>.Ok(account.State.ToProfile());
    }

    public async Task<Outcome<UserProfile>> ChangeRole(Role role, string actor)
    {
        if (!account.RecordExists)
        {
            return NoSuchAccount();
        }

        if (!Enum.IsDefined(role))
        {
            return DomainProblem.Invalid("role", $"The role must be one of {Roles.Describe()}.");
        }

        var before = account.State.Role;
        if (before == role)
        {
            return Outcome<UserProfile>.Ok(account.State.ToProfile());
        }

        // A supplier account is bound to its supplier when it is made (by invitation); no staff account becomes one, and
        // no supplier account becomes staff, so a supplier's people never gain the brand's view.
        if (role == Role.Supplier || before == Role.Supplier)
        {
            return DomainProblem.Invalid("role", "Supplier accounts are made by a supply-chain invitation and keep the supplier role; disable the account instead.");
        }

        var leavesRoster = before == Role.Admin && !account.State.Disabled;
        if (leavesRoster && !await Roster.TryRemove(Username))
        {
            return LastAdmin;
        }

        account.State.Role = role;
        NewStamp();
        await WriteOrRestoreRosterAsync(leavesRoster);
        await AfterChangeAsync("account.role-changed", actor, $"role {before.Name()} → {role.Name()}; sessions ended");
        return Outcome<UserProfile>.Ok(account.State.ToProfile());
    }

    public async Task<Outcome<UserProfile>> EndSessions(string actor)
    {
        if (!account.RecordExists)
        {
            return NoSuchAccount();
        }

        NewStamp();
        await account.WriteStateAsync();
        await AfterChangeAsync("account.sessions-ended", actor, null);
        return Outcome<UserProfile>.Ok(account.State.ToProfile());
    }

    public async Task<Outcome<UserProfile>> Recover(string newPassword, string actor)
    {
        if (PasswordPolicy.Check(newPassword, Username) is { } error)
        {
            return DomainProblem.Invalid("password", error);
        }

        var now = clock.GetCurrentInstant();
        if (!account.RecordExists)
        {
            account.State = new UserAccountState { Username = Username, DisplayName = "Recovered administrator", CreatedAt = now, CreatedBy = actor };
        }

        account.State.Role = Role.Admin;
        account.State.Disabled = false;
        SetPassword(newPassword, now);
        await account.WriteStateAsync();
        await RosterAfterChangeAsync();
        await AfterChangeAsync("account.recovered", actor, "made an active admin with a new password; lockout cleared, sessions ended");
        return Outcome<UserProfile>.Ok(account.State.ToProfile());
    }

    private IAdminRosterGrain Roster => GrainFactory.GetGrain<IAdminRosterGrain>(0);

    private SignedInAccount OpenSession(Instant now)
    {
        var sessions = account.State.Sessions;
        while (sessions.Count >= MaxSessions)
        {
            sessions.Remove(sessions.MinBy(s => s.Value).Key);
        }

        var id = SecurityStamps.New();
        sessions[id] = now;
        return new SignedInAccount(account.State.ToProfile(), account.State.SecurityStamp, id);
    }

    // A new stamp ends every session: none of the old ones can be valid again, so their ids go too.
    private void NewStamp()
    {
        account.State.SecurityStamp = SecurityStamps.New();
        account.State.Sessions.Clear();
    }

    private void SetPassword(string password, Instant now)
    {
        account.State.PasswordHash = PasswordHasher.Hash(password);
        account.State.PasswordChangedAt = now;
        NewStamp();
        account.State.SetLockout(SignInLockout.None);
    }

    private void EnsureStamp()
    {
        if (account.State.SecurityStamp.Length == 0)
        {
            account.State.SecurityStamp = SecurityStamps.New();
        }
    }

    private async Task SaveLockoutAsync(SignInLockout lockout)
    {
        if (account.RecordExists)
        {
            account.State.SetLockout(lockout);
            await account.WriteStateAsync();
        }
        else
        {
            _unknownNameLockout = lockout;
        }
    }

    // The roster was asked before the change; if the change is not stored, the admin goes back on it.
    private async Task WriteOrRestoreRosterAsync(bool leftRoster)
    {
        try
        {
            await account.WriteStateAsync();
        }
        catch
        {
            if (leftRoster)
            {
                await Roster.Add(Username);
            }

            throw;
        }

        await RosterAfterChangeAsync();
    }

    private Task RosterAfterChangeAsync()
        => account.State.Role == Role.Admin && !account.State.Disabled ? Roster.Add(Username) : Task.CompletedTask;

    private DomainProblem NoSuchAccount() => new DomainProblem(ProblemKind.NotFound, "No such account.", $"There is no account named '{Username}'.");

    private static string? Join(string? a, string b) => a is null ? b : $"{b}; {a}";

    private Task RecordAsync(string action, string? detail)
        => audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), "user:" + Username, action, "user:" + Username, detail));

    private async Task AfterChangeAsync(string action, string actor, string? detail)
    {
        await AccountIndexes.PutAsync(index, AccountIndexes.Users, account.State.Username, account.State.ToProfile());
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, action, "user:" + account.State.Username, detail));
    }
}
